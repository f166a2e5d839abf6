#!/usr/bin/env bash
# The demo command (README): install what is missing, build, load the demo
# county (data/demo) into a fresh mirror and start the kiosk on it.
#   deploy/demo.sh              fullscreen on the current display
#   deploy/demo.sh --windowed   in a window (add --size 1080x1920 for portrait)
# With no display, it renders the home screen under Xvfb into
# build/demo/home.png instead and says so.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash deploy/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C build gongkai gongkai-kiosk

mkdir -p build/demo
rm -f build/demo/mirror.db build/demo/mirror.db-wal build/demo/mirror.db-shm
build/kiosk/gongkai import -q --db build/demo/mirror.db data/demo/*.ndjson
# Pictures live beside the mirror, as /var/lib/gongkai/blobs does beside the installed one.
rm -rf build/demo/blobs && cp -r data/demo/blobs build/demo/blobs

# The demo kiosk signs request slips with the demo key (data/demo/keys) and
# keeps them in build/demo/outbox.db; `gongkai request decode --db
# build/demo/mirror.db` verifies them.
kiosk=(build/kiosk/gongkai-kiosk --db build/demo/mirror.db
       --kiosk-key data/demo/keys/kiosk-sf-001.key --kiosk-id kiosk-sf-001 --outbox build/demo/outbox.db)
if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
  exec "${kiosk[@]}" "$@"
fi
echo "demo: no display; rendering the home screen under Xvfb instead"
xvfb-run -a -s "-screen 0 1920x1920x24" "${kiosk[@]}" --windowed "$@" --screenshot build/demo/home.png
echo "demo: wrote $root/build/demo/home.png"
