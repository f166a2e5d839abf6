#!/usr/bin/env bash
# The test command (README, .ci/run): install what is missing, build with
# warnings as errors, run every test (UI tests in a real window under Xvfb),
# then build the core again with AddressSanitizer + UndefinedBehaviorSanitizer
# and run its tests. Exits non-zero on any failure.
#   GONGKAI_JOBS=N   parallel build jobs (default: number of cores)
#   GONGKAI_QUICK=1  skip [slow] tests (local iteration only; CI runs all)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jobs=${GONGKAI_JOBS:-$(nproc)}
start=$(date +%s)

bash deploy/install-deps.sh

echo "== build (RelWithDebInfo, -Werror) =="
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGONGKAI_WERROR=ON >/dev/null
ninja -C build -j "$jobs"
built=$(date +%s)

filter=()
if [[ "${GONGKAI_QUICK:-0}" == 1 ]]; then filter=(-E ':slow:'); fi

echo "== tests =="
# One Xvfb for the whole run; the UI tests open real windows on it.
xvfb-run -a -s "-screen 0 1920x1920x24" \
  ctest --test-dir build -j "$jobs" --output-on-failure --timeout 900 "${filter[@]}"
tested=$(date +%s)

echo "== core tests under AddressSanitizer + UndefinedBehaviorSanitizer =="
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGONGKAI_SANITIZE=ON \
  -DGONGKAI_BUILD_UI=OFF -DGONGKAI_WERROR=ON >/dev/null
ninja -C build-asan -j "$jobs" core_tests
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan -j "$jobs" --output-on-failure --timeout 900 -R '^core_tests:' "${filter[@]}"
done_at=$(date +%s)
echo "times: build $((built - start)) s, tests $((tested - built)) s, sanitizer build+tests $((done_at - tested)) s"
