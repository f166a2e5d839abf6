#!/bin/sh
# Deployment units (issue 10): every unit in deploy/systemd passes
# `systemd-analyze verify`, gongkai-sync.service's `systemd-analyze security
# --offline=true` exposure is at most 2.0, and the udev rule starts a unit
# that exists, on a read-only, nosuid, nodev, noexec mount.
#
# usage: units_test.sh SOURCE_DIR WORK_DIR [BUILT_PROGRAM...]
#
# With the built gongkai-sync and gongkai-kiosk given, it also runs each with
# its unit's arguments: gongkai-sync against the default gongkai.toml (which
# names no feed, so it must stop at once with exit 2 and say so, not with a
# flag error), gongkai-kiosk with --help added (it parses every flag first).
#
# Why a throwaway root: `verify` loads the unit with its default
# dependencies (sysinit.target, …) and fails when a command in Exec*= is not
# an executable file, so it is run with --root=ROOT, a directory this test
# makes under WORK_DIR holding: this machine's own unit files (for the
# targets), the units under test in etc/systemd/system, and an executable at
# every path the units' Exec*= lines name: for Gongkai's programs
# (/usr/bin/gongkai*), the built program when given, else a stand-in script
# (verify only checks that the file is executable; the package test checks
# the installed layout); for every other command (cage, mount, kill), this
# machine's own file, which must exist: the units rely on it, so a missing one
# is a failure (cage: Debian package cage). --man=no: verify would also run
# man(1) on Documentation=man:… pages, which the package (not the source
# tree) provides.
#
# systemd-analyze comes with Debian's systemd package; without it this test
# fails (it installs nothing).
set -eu

fail() { echo "FAIL: $*" >&2; exit 1; }

[ $# -ge 2 ] || fail "usage: units_test.sh SOURCE_DIR WORK_DIR [BUILT_PROGRAM...]"
src=$1 work=$2
shift 2
units_dir=$src/deploy/systemd
rules=$src/deploy/udev/90-gongkai-usb.rules

command -v systemd-analyze >/dev/null 2>&1 ||
    fail "systemd-analyze is not installed (Debian package: systemd)"
host_units=$(realpath /lib/systemd/system 2>/dev/null) && [ -f "$host_units/sysinit.target" ] ||
    fail "no systemd unit files on this machine (/lib/systemd/system; Debian package: systemd)"

mkdir -p "$work"
root=$(mktemp -d "$work/deploy-root.XXXXXX")
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/usr/lib/systemd" "$root/etc/systemd/system" "$root/usr/bin"
ln -s usr/bin "$root/bin"
ln -s usr/lib "$root/lib"
cp -r "$host_units" "$root/usr/lib/systemd/system"
cp "$units_dir"/*.service "$root/etc/systemd/system/"

# [1] An executable at every path the units' Exec*= lines name.
place() {  # place PATH: put the right file at ROOT/PATH
    path=$1 name=$(basename "$1")
    [ -e "$root$path" ] && return 0
    mkdir -p "$(dirname "$root$path")"
    case $name in
    gongkai|gongkai-*)
        for built in $programs; do
            if [ "$(basename "$built")" = "$name" ] && [ -x "$built" ]; then
                ln "$built" "$root$path" 2>/dev/null || cp "$built" "$root$path"
                return 0
            fi
        done
        printf '#!/bin/sh\nexit 0\n' >"$root$path"
        chmod +x "$root$path"
        echo "note: $path is a stand-in ($name not built)"
        ;;
    *)
        [ -x "$path" ] || fail "$path (named by a unit) is not on this machine"
        cp -L "$path" "$root$path"
        ;;
    esac
}
programs="$*"
commands=$(sed -n 's/^Exec[A-Za-z]*=[-@:+!]*\([^ ]*\).*/\1/p' "$units_dir"/*.service | sort -u)
[ -n "$commands" ] || fail "no Exec lines found in $units_dir"
for c in $commands; do
    case $c in /*) place "$c" ;; *) fail "a unit runs '$c': systemd wants an absolute path" ;; esac
done

# [2] verify: silent and successful on every unit (a template as an instance).
# It reports many mistakes (a misspelt value) as warnings with exit status 0,
# so any output at all is a failure.
verify() {  # verify UNIT: prints systemd-analyze's complaints, if any
    (cd "$root" && systemd-analyze verify --man=no --root="$root" "$1" 2>&1) || echo "(exit status $?)"
}
count=0
for file in "$units_dir"/*.service; do
    unit=$(basename "$file")
    case $unit in *@.service) unit=${unit%@.service}@sdb1.service ;; esac
    out=$(verify "$unit")
    [ -z "$out" ] || fail "systemd-analyze verify $unit:
$out"
    echo "verify $unit: ok"
    count=$((count + 1))
done
[ "$count" -ge 3 ] || fail "expected at least 3 units in $units_dir, found $count"

# The check can fail: the same root with one unit spoiled is refused.
sed 's/^Type=notify$/Type=notfy/' "$units_dir/gongkai-sync.service" >"$root/etc/systemd/system/spoiled.service"
grep -q '^Type=notfy$' "$root/etc/systemd/system/spoiled.service" || fail "could not spoil the unit"
[ -n "$(verify spoiled.service)" ] || fail "systemd-analyze verify accepted a unit with Type=notfy"

# [3] Exposure: every service's, for the record; gongkai-sync's at most 2.0.
exposure() {  # exposure UNIT: the number in "Overall exposure level for UNIT: 1.2 OK"
    (cd "$root" && systemd-analyze security --offline=true --root="$root" "$1" 2>&1) |
        sed -n "s/.*Overall exposure level for $1: \([0-9.]*\).*/\1/p"
}
for unit in gongkai-sync.service gongkai-kiosk.service gongkai-usb-update@sdb1.service; do
    level=$(exposure "$unit")
    [ -n "$level" ] || fail "no 'Overall exposure level' line from systemd-analyze security for $unit"
    echo "exposure $unit: $level"
done
level=$(exposure gongkai-sync.service)
awk -v x="$level" 'BEGIN { exit !(x <= 2.0) }' || fail "gongkai-sync.service exposure $level > 2.0"

# [4] The udev rule: a stick starts the USB unit, which mounts it safely.
[ -f "$rules" ] || fail "missing $rules"
wants=$(sed -n 's/.*SYSTEMD_WANTS}+="\([^"@]*@\)%k\.service".*/\1.service/p' "$rules")
[ -n "$wants" ] || fail "$rules starts no unit (ENV{SYSTEMD_WANTS}+=\"NAME@%k.service\")"
[ -f "$units_dir/$wants" ] || fail "$rules wants $wants, which deploy/systemd does not have"
grep -q 'TAG+="systemd"' "$rules" || fail "$rules: SYSTEMD_WANTS needs TAG+=\"systemd\""
mount_line=$(grep '^ExecStartPre=.*/mount ' "$units_dir/$wants") || fail "$wants mounts nothing"
for option in ro nosuid nodev noexec; do
    echo "$mount_line" | grep -Eq -- "-o ([^ ]*,)?$option(,| )" || fail "$wants mounts without $option"
done
grep -q '^ExecStart=/usr/bin/gongkai-sync --once .*--source file://' "$units_dir/$wants" ||
    fail "$wants does not run gongkai-sync --once --source file://…"
echo "udev rule: ok"

# [5] The programs take their units' arguments: a flag renamed in the code
# but not in a unit would otherwise surface only on a terminal.
args_of() {  # args_of UNIT PROGRAM: what follows /usr/bin/PROGRAM on UNIT's ExecStart= line
    sed -n "s|^ExecStart=.*/usr/bin/$2 ||p" "$units_dir/$1"
}
for built in $programs; do
    case $(basename "$built") in
    gongkai-sync)
        args=$(args_of gongkai-sync.service gongkai-sync | sed "s|/etc/gongkai/gongkai.toml|$src/deploy/etc/gongkai.toml|")
        status=0
        # shellcheck disable=SC2086  # split as systemd splits the line
        out=$(timeout 20 "$built" $args 2>&1) || status=$?
        [ "$status" -eq 2 ] && echo "$out" | grep -q "no feed source and no portal" ||
            fail "gongkai-sync with gongkai-sync.service's arguments ($args): exit $status, want 2 for the unset feed: $out"
        echo "gongkai-sync takes its unit's arguments: ok"
        ;;
    gongkai-kiosk)
        args=$(args_of gongkai-kiosk.service gongkai-kiosk)
        [ -n "$args" ] || fail "gongkai-kiosk.service runs no /usr/bin/gongkai-kiosk"
        # shellcheck disable=SC2086
        out=$(timeout 20 "$built" $args --help 2>&1) || fail "gongkai-kiosk refuses its unit's arguments ($args): $out"
        echo "gongkai-kiosk takes its unit's arguments: ok"
        ;;
    esac
done
