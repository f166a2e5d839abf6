#!/bin/sh
# Regenerates the README's screenshots (docs/screenshots/*.png) from the demo
# county under Xvfb, at the landscape desk shape and the portrait kiosk shape:
#   tests/ui/make_screenshots.sh [BUILD_DIR]
# Taps name their targets (tap-on), so a layout change does not break it.
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$src/build}
out=$src/docs/screenshots
cmake --build "$build" --target gongkai gongkai-kiosk >/dev/null  # the mirror's schema must match
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/kiosk/gongkai" import --db "$tmp/demo.db" "$src"/data/demo/*.ndjson >/dev/null
cp -r "$src/data/demo/blobs" "$tmp/blobs"  # the reader's pictures
mkdir -p "$out"
shoot() {  # size, file suffix, extra kiosk flags
    cat >"$tmp/script.txt" <<SCRIPT
wait 1500
screenshot $out/home$2.png
tap-on domain:d08
screenshot $out/domain$2.png
tap-on bar:home
tap-on home:search
type dibao
wait 1000
screenshot $out/search$2.png
tap-on sort:newest
wait 800
tap-on hit:sf-*
wait 1000
screenshot $out/document$2.png
drag 540 1400 540 500
screenshot $out/document-body$2.png
SCRIPT
    # shellcheck disable=SC2086
    xvfb-run -a -s "-screen 0 1920x1920x24" "$build/kiosk/gongkai-kiosk" --db "$tmp/demo.db" \
        --state-dir "$tmp/state$2" --windowed --size "$1" --script "$tmp/script.txt" $3 2>"$tmp/log" || { cat "$tmp/log"; exit 1; }
}
shoot 1920x1080 "" ""
shoot 1080x1920 "-portrait" ""
shoot 1080x1920 "-portrait-elder" "--elder"

# The disclosure request form, signed with the demo kiosk key, and the
# counter's desk scanning the slip it made.
cat >"$tmp/script.txt" <<SCRIPT
wait 1000
tap-on quick:apply
tap-on apply:new
type 2023年本村低保户名单和补助标准
key enter
tap-on request:next
wait 300
tap-on request:agency:ag05
tap-on request:next
tap-on request:delivery:post
tap-on request:next
wait 300
screenshot $out/request-review-portrait.png
tap-on request:next
wait 300
screenshot $out/request-slip-portrait.png
dump $tmp/slip.json
SCRIPT
xvfb-run -a -s "-screen 0 1920x1920x24" "$build/kiosk/gongkai-kiosk" --db "$tmp/demo.db" --state-dir "$tmp/state-request" \
    --windowed --size 1080x1920 --kiosk-key "$src/data/demo/keys/kiosk-sf-001.key" --kiosk-id kiosk-sf-001 \
    --outbox "$tmp/outbox.db" --script "$tmp/script.txt" 2>"$tmp/log" || { cat "$tmp/log"; exit 1; }
slip=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["request"]["slip"])' "$tmp/slip.json")
printf 'wait 1000\ntype %s\nkey enter\nwait 300\nscreenshot %s\n' "$slip" "$out/desk.png" >"$tmp/script.txt"
xvfb-run -a -s "-screen 0 1920x1920x24" "$build/kiosk/gongkai-kiosk" --desk --db "$tmp/demo.db" \
    --state-dir "$tmp/state-desk" --windowed --size 1920x1080 --script "$tmp/script.txt" 2>"$tmp/log" || { cat "$tmp/log"; exit 1; }
echo "screenshots written to $out"
