#!/bin/sh
# Regenerates docs/screenshots/*.png from the demo county, under Xvfb:
#   tests/ui/make_screenshots.sh [BUILD_DIR]
# Tap coordinates follow the demo's layout (財政预决算 tile, newest document).
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$src/build-ui}
out=$src/docs/screenshots
cmake --build "$build" --target gongkai gongkai-kiosk >/dev/null  # the mirror's schema must match
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/kiosk/gongkai" import --db "$tmp/demo.db" "$src"/data/demo/*.ndjson >/dev/null
mkdir -p "$out"
shoot() {  # size, tile x y, first document x y, drag on the document, file suffix
    cat >"$tmp/script.txt" <<SCRIPT
screenshot $out/home$7.png
tap $2 $3
screenshot $out/domain$7.png
tap $4 $5
screenshot $out/document$7.png
drag $6
screenshot $out/document-body$7.png
SCRIPT
    xvfb-run -a -s "-screen 0 1920x1920x24" "$build/kiosk/gongkai-kiosk" --db "$tmp/demo.db" \
        --windowed --size "$1" --script "$tmp/script.txt"
}
shoot 1920x1080 488 446 500 430 "960 900 960 250" ""
shoot 1080x1920 540 668 540 660 "540 1600 540 500" "-portrait"
