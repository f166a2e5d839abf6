#!/bin/sh
# The USB update unit's own command line, run for real (issue 10): the
# ExecStart= of deploy/systemd/gongkai-usb-update@.service, with its fixed
# paths moved into a temporary directory, against a stick signed by a key the
# terminal does not trust (rejected: exit 3, no mirror made), a stick for
# another feed (rejected), then a good stick (exit 0, the mirror holds the
# records, the status file says so).
#
# usage: usb_update_test.sh SOURCE_DIR WORK_DIR GONGKAI GONGKAI_SYNC
#
# Path moves: /etc/gongkai/gongkai.toml -> WORK/gongkai.toml (naming the
# mirror under WORK/state), /run/gongkai-usb/%i -> WORK/stick,
# /var/lib/gongkai -> WORK/state; %i -> sdb1. Nothing else of the line changes.
set -eu

fail() { echo "FAIL: $*" >&2; exit 1; }

[ $# -eq 4 ] || fail "usage: usb_update_test.sh SOURCE_DIR WORK_DIR GONGKAI GONGKAI_SYNC"
src=$1 work=$2 gongkai=$3 sync=$4
unit=$src/deploy/systemd/gongkai-usb-update@.service
for p in "$gongkai" "$sync"; do [ -x "$p" ] || fail "$p is not built"; done

mkdir -p "$work"
dir=$(mktemp -d "$work/usb-update.XXXXXX")
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/state" "$dir/keys"

line=$(sed -n 's/^ExecStart=//p' "$unit")
[ -n "$line" ] || fail "no ExecStart= in $unit"
case $line in /usr/bin/gongkai-sync\ *) ;; *) fail "$unit does not run /usr/bin/gongkai-sync: $line" ;; esac
args=$(echo "${line#/usr/bin/gongkai-sync }" |
    sed -e "s|/etc/gongkai/gongkai.toml|$dir/gongkai.toml|g" -e "s|/run/gongkai-usb/%i|$dir/stick|g" \
        -e "s|/var/lib/gongkai|$dir/state|g" -e "s|%i|sdb1|g")
case $args in *%*) fail "an unexpanded specifier is left: $args" ;; esac

"$gongkai" keygen --out "$dir/keys/county" >/dev/null
"$gongkai" keygen --out "$dir/keys/stranger" >/dev/null
cat >"$dir/gongkai.toml" <<EOF
[mirror]
db = "$dir/state/mirror.db"
[sync]
trusted_keys = ["$dir/keys/county.pub"]
feed_id = "shifan-county"
EOF
"$gongkai" config check "$dir/gongkai.toml" >/dev/null || fail "the test's own config does not pass gongkai config check"

stick() {  # stick KEY FEED_ID: a stick holding a feed of the demo county's agencies
    rm -rf "$dir/stick"
    "$gongkai" publish --records "$src/data/demo/01-domains-agencies.ndjson" --feed "$dir/stick/gongkai-feed" \
        --key "$dir/keys/$1.key" --feed-id "$2" --now 2026-11-01T00:00:00Z >/dev/null
}
update() {  # update: runs the unit's command; sets $status and $log
    status=0
    # shellcheck disable=SC2086  # the unit's arguments, split as systemd splits them (no quoting in the line)
    log=$("$sync" $args 2>&1) || status=$?
}

stick stranger shifan-county
update
[ "$status" -eq 3 ] || fail "a stick signed by an untrusted key: exit $status, want 3 (rejected)
$log"
version() {  # version: the mirror's version as `gongkai stats` reports it (0: empty)
    "$gongkai" stats --db "$dir/state/mirror.db" 2>&1 | sed -n 's/^mirror version *\([0-9]*\)$/\1/p'
}
[ "$(version)" = 0 ] || fail "a rejected stick changed the mirror (version $(version))"
echo "$log" | grep -q "not trusted" || fail "the log does not say why the stick was rejected: $log"
echo "untrusted stick: rejected"

stick county other-county
update
[ "$status" -eq 3 ] || fail "a stick for another feed: exit $status, want 3 (rejected)
$log"
[ "$(version)" = 0 ] || fail "a stick for another feed changed the mirror"
echo "stick for another feed: rejected"

stick county shifan-county
update
[ "$status" -eq 0 ] || fail "a good stick: exit $status, want 0
$log"
[ "$(version)" -ge 1 ] || fail "the mirror has no version after a good stick: $(version)"
[ -s "$dir/state/sync-status.json" ] || fail "no sync-status.json for the kiosk to show"
[ -d "$dir/state/staging-usb" ] || fail "the USB run did not use its own staging directory"
echo "good stick: applied"
