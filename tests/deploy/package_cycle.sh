#!/bin/sh
# The package's install -> start -> stop -> purge cycle in a throwaway root
# (run by package_test.sh inside `unshare --mount`; see there).
#
# usage (host side, in a private mount namespace): package_cycle.sh SOURCE_DIR DEB WORK_DIR
#        (in the throwaway root, by the host side):  package_cycle.sh --in-root
#
# Host side: a tmpfs at WORK_DIR/root holds the upper layer of an overlay on
# /; /dev and a new /proc are mounted in it, /run and /tmp are empty tmpfs
# (no systemd or udev to talk to: postinst enables units but starts nothing)
# and the source tree's assets/ is hidden under an empty tmpfs, so the kiosk
# can only find the installed ones. Then it chroots in and runs the steps.
# Every mount belongs to the namespace and goes with it.
set -eu

fail() { echo "FAIL: $*" >&2; exit 1; }

if [ "${1:-}" != --in-root ]; then
    [ $# -eq 3 ] || fail "usage: package_cycle.sh SOURCE_DIR DEB WORK_DIR"
    src=$1 deb=$2 work=$3
    layers=$work/root
    mkdir -p "$layers"
    mount -t tmpfs -o size=2g,mode=0755 tmpfs "$layers"
    mkdir "$layers/upper" "$layers/work" "$layers/merged"
    m=$layers/merged
    mount -t overlay overlay -o "lowerdir=/,upperdir=$layers/upper,workdir=$layers/work" "$m"
    [ "$(stat -f -c %T "$m")" = overlayfs ] || fail "$m is not an overlay"
    mount --rbind /dev "$m/dev"
    mount -t proc proc "$m/proc"
    mount -t tmpfs -o mode=0755 tmpfs "$m/run"
    mount -t tmpfs -o mode=1777 tmpfs "$m/tmp"
    if [ -d "$m$src/assets" ]; then mount -t tmpfs -o mode=0755 tmpfs "$m$src/assets"; fi
    cp "$deb" "$m/tmp/gongkai.deb"
    cp "$src/data/demo/01-domains-agencies.ndjson" "$m/tmp/records.ndjson"
    cp "$0" "$m/tmp/package_cycle.sh"
    status=0
    chroot "$m" /bin/sh /tmp/package_cycle.sh --in-root || status=$?
    if [ -f "$m/tmp/kiosk.png" ]; then cp "$m/tmp/kiosk.png" "$work/../package-kiosk.png"; fi
    exit "$status"
fi

# --- In the throwaway root ---------------------------------------------------
cd /
export PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C.UTF-8
mode() { stat -c '%U:%G %a' "$1"; }
expect_mode() {  # expect_mode PATH "OWNER:GROUP MODE"
    [ "$(mode "$1")" = "$2" ] || fail "$1 is $(mode "$1"), want $2"
}
as() {  # as USER COMMAND...: as a unit runs it (User=USER, Group=gongkai, UMask=0007)
    user=$1
    shift
    setpriv --reuid="$user" --regid=gongkai --init-groups sh -c 'umask 0007; exec "$@"' sh "$@"
}
config=/etc/gongkai/gongkai.toml

# [install]
dpkg -i /tmp/gongkai.deb >/tmp/install.log 2>&1 || { cat /tmp/install.log >&2; fail "dpkg -i failed"; }
# Again, as an upgrade runs the scripts: users, group and modes already there.
dpkg -i /tmp/gongkai.deb >/tmp/install.log 2>&1 || { cat /tmp/install.log >&2; fail "reinstalling failed"; }
dpkg-query -W -f '${Status}' gongkai | grep -qx 'install ok installed' || fail "gongkai is not installed"
for user in gongkai-sync gongkai-kiosk; do
    getent passwd "$user" >/dev/null || fail "postinst made no user $user"
    id -nG "$user" | tr ' ' '\n' | grep -qx gongkai || fail "$user is not in group gongkai"
    [ "$(getent passwd "$user" | cut -d: -f7)" = /usr/sbin/nologin ] || fail "$user has a login shell"
done
id -nG gongkai-kiosk | tr ' ' '\n' | grep -qx lp || fail "gongkai-kiosk is not in group lp (USB printers)"
expect_mode /var/lib/gongkai "gongkai-sync:gongkai 2770"
expect_mode /var/lib/gongkai/blobs "gongkai-sync:gongkai 2750"
expect_mode /var/lib/gongkai/keys "gongkai-kiosk:gongkai 700"
expect_mode $config "root:gongkai 640"
for link in multi-user.target.wants/gongkai-sync.service graphical.target.wants/gongkai-kiosk.service; do
    [ -L "/etc/systemd/system/$link" ] || fail "postinst did not enable $link"
done
echo "installed: users, group, /var/lib/gongkai modes, config 0640 root:gongkai, units enabled"

# The installed config passes its check (a warning: no feed yet).
gongkai config check $config >/tmp/check.log 2>&1 || { cat /tmp/check.log >&2; fail "the installed config fails gongkai config check"; }

# [start] The IT officer's setup (README): the county's key and feed.
gongkai keygen --out /tmp/county >/dev/null
gongkai publish --records /tmp/records.ndjson --feed /tmp/feed --key /tmp/county.key \
    --feed-id test-county --now 2026-11-01T00:00:00Z >/dev/null
install -m 0644 /tmp/county.pub /etc/gongkai/keys/county.pub
sed -i -e 's|^# sources = .*|sources = ["file:///tmp/feed"]|' \
    -e 's|^# trusted_keys = .*|trusted_keys = ["/etc/gongkai/keys/county.pub"]|' \
    -e 's|^# feed_id = .*|feed_id = "test-county"|' $config
gongkai config check $config >/tmp/check.log 2>&1 || { cat /tmp/check.log >&2; fail "the configured config fails its check"; }

# gongkai-sync.service's ExecStart with --once, as its user: the mirror is
# made with the file table's owner and mode.
as gongkai-sync gongkai-sync --once --config $config >/tmp/sync.log 2>&1 ||
    { cat /tmp/sync.log >&2; fail "gongkai-sync --once failed"; }
expect_mode /var/lib/gongkai/mirror.db "gongkai-sync:gongkai 660"
version=$(as gongkai-kiosk gongkai stats --db /var/lib/gongkai/mirror.db 2>&1 |
    sed -n 's/^mirror version *\([0-9]*\)$/\1/p')
[ "${version:-0}" -ge 1 ] || fail "the kiosk user sees no mirror version after a sync: '$version'"
echo "started: gongkai-sync --once applied the feed (mirror version $version, 0660 gongkai-sync:gongkai)"

# The daemon (the unit's ExecStart as is) runs, and stops on SIGTERM as
# `systemctl stop` sends it.
setpriv --reuid=gongkai-sync --regid=gongkai --init-groups \
    sh -c 'umask 0007; exec gongkai-sync --config /etc/gongkai/gongkai.toml' >/tmp/daemon.log 2>&1 &
pid=$!
# Its first sync (up to date) after the kiosk user read the mirror: WAL
# files either made must stay writable for both (0660, group gongkai).
attempt() { sed -n 's/.*"last_attempt": *"\([^"]*\)".*/\1/p' /var/lib/gongkai/sync-status.json; }
first=$(attempt) tries=0
while [ "$(attempt)" = "$first" ] && [ $tries -lt 40 ]; do sleep 0.5; tries=$((tries + 1)); done
sleep 1  # the same second: --once's attempt and the daemon's can share a timestamp
kill -0 $pid 2>/dev/null || { cat /tmp/daemon.log >&2; fail "the gongkai-sync daemon did not stay up"; }
kill -TERM $pid
status=0
wait $pid || status=$?
[ "$status" -eq 0 ] || { cat /tmp/daemon.log >&2; fail "gongkai-sync stopped with exit $status on SIGTERM"; }
if grep -q '"error": *"[^"]' /var/lib/gongkai/sync-status.json; then
    cat /var/lib/gongkai/sync-status.json /tmp/daemon.log >&2
    fail "the daemon's sync failed"
fi
echo "daemon: up, synced, stopped by SIGTERM with exit 0"

# The kiosk, as its user, with the installed assets only.
status=0
as gongkai-kiosk timeout 90 xvfb-run -a -s "-screen 0 1080x1920x24" \
    gongkai-kiosk --config $config --size 1080x1920 --screenshot /tmp/kiosk.png >/tmp/kiosk.log 2>&1 || status=$?
[ "$status" -eq 0 ] || { cat /tmp/kiosk.log >&2; fail "gongkai-kiosk exited $status"; }
if grep -q "cannot read" /tmp/kiosk.log; then cat /tmp/kiosk.log >&2; fail "the installed kiosk did not find its assets"; fi
[ -s /tmp/kiosk.png ] || fail "the installed kiosk took no screenshot"
echo "kiosk: ran from /usr/bin with /usr/share/gongkai/assets"

# [stop, remove] State and config stay; programs go; units masked.
dpkg -r gongkai >/tmp/remove.log 2>&1 || { cat /tmp/remove.log >&2; fail "dpkg -r failed"; }
[ ! -e /usr/bin/gongkai-sync ] || fail "dpkg -r left /usr/bin/gongkai-sync"
[ -f /var/lib/gongkai/mirror.db ] || fail "dpkg -r removed the state"
[ -f $config ] || fail "dpkg -r removed the conffile"

# [purge] State, config and the units' links go; the users stay (postrm).
dpkg -P gongkai >/tmp/purge.log 2>&1 || { cat /tmp/purge.log >&2; fail "dpkg -P failed"; }
for path in /var/lib/gongkai /etc/gongkai /etc/pam.d/gongkai-kiosk /lib/systemd/system/gongkai-sync.service; do
    [ ! -e "$path" ] || fail "purge left $path"
done
left=$(find /etc/systemd/system /var/lib/systemd/deb-systemd-helper-enabled \
    -name 'gongkai*' 2>/dev/null || true)
[ -z "$left" ] || fail "purge left unit links: $left"
dpkg-query -W -f '${Status}' gongkai 2>/dev/null | grep -qx 'install ok installed' && fail "gongkai is still installed"
echo "purged: state, config, PAM file and unit links gone"
