#!/bin/sh
# The Debian package (issue 10): cpack builds gongkai_*.deb from the build
# tree (deploy/package.cmake; nothing is compiled: the programs and man pages
# are already built); its contents, Depends and conffiles are checked;
# lintian shows no error; then an install -> start -> stop -> purge cycle in
# a throwaway root.
#
# usage: package_test.sh SOURCE_DIR BUILD_DIR WORK_DIR
#
# The throwaway root: a private mount namespace (unshare --mount) with an
# overlay whose lower layer is this machine's / (read-only to it) and whose
# upper layer is a tmpfs, chrooted into. Everything dpkg, adduser and the
# maintainer scripts change lands in the tmpfs and is gone when the test
# ends; this machine's own dpkg database, users and /var/lib are untouched.
# systemd is not PID 1 here, so "start" means what the units' ExecStart
# lines do, run by hand as the units' users: gongkai-sync --once against a
# signed file:// feed, the daemon started and stopped with SIGTERM (as
# systemctl stop does), the kiosk under Xvfb taking a screenshot with the
# installed assets (the source tree's are hidden).
#
# Needs (and fails without): root, unshare and overlayfs, cpack, dpkg-deb,
# lintian (Debian package lintian), xvfb-run, and the package's Depends
# installed on this machine (they are what the throwaway root has).
set -eu

fail() { echo "FAIL: $*" >&2; exit 1; }

[ $# -eq 3 ] || fail "usage: package_test.sh SOURCE_DIR BUILD_DIR WORK_DIR"
src=$1 build=$2 work=$3
for tool in cpack dpkg-deb lintian unshare xvfb-run; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed (lintian: Debian package lintian)"
done
[ "$(id -u)" = 0 ] || fail "the install cycle needs root (dpkg, adduser, chroot in a mount namespace)"

mkdir -p "$work"
out=$(mktemp -d "$work/package.XXXXXX")
trap 'rm -rf "$out"' EXIT

# [1] Build the package. cpack installs from the build tree; with Ninja it
# builds nothing first, so a program or man page not built is an error here.
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$out" >"$out/cpack.log" 2>&1 ||
    { cat "$out/cpack.log" >&2; fail "cpack failed"; }
set -- "$out"/gongkai_*.deb
[ $# -eq 1 ] && [ -f "$1" ] || fail "cpack made no single gongkai_*.deb: $(ls "$out")"
deb=$1
echo "package: $(basename "$deb"), $(stat -c %s "$deb") bytes, Installed-Size $(dpkg-deb -f "$deb" Installed-Size) KiB"

# [2] Contents.
dpkg-deb -c "$deb" >"$out/contents"
for path in /usr/bin/gongkai /usr/bin/gongkai-sync /usr/bin/gongkai-kiosk \
    /usr/share/gongkai/assets/theme.json /usr/share/gongkai/assets/strings/zh-CN.json \
    /usr/share/gongkai/assets/strings/en.json \
    /etc/gongkai/gongkai.toml /etc/pam.d/gongkai-kiosk \
    /lib/systemd/system/gongkai-sync.service /lib/systemd/system/gongkai-kiosk.service \
    /lib/systemd/system/gongkai-usb-update@.service /lib/udev/rules.d/90-gongkai-usb.rules \
    /usr/share/man/man1/gongkai.1.gz /usr/share/man/man1/gongkai-sync.1.gz \
    /usr/share/man/man1/gongkai-kiosk.1.gz /usr/share/doc/gongkai/copyright \
    /usr/share/doc/gongkai/changelog.Debian.gz; do
    grep -q " \.$path\$" "$out/contents" || fail "the package has no $path"
done
grep -q '^-rw-r----- root/root .* \./etc/gongkai/gongkai.toml$' "$out/contents" ||
    fail "gongkai.toml is not 0640 root:root in the package: $(grep gongkai.toml "$out/contents")"
# Every asset of the source tree is there.
(cd "$src/assets" && find . -type f) | while read -r f; do
    grep -q " \./usr/share/gongkai/assets/${f#./}\$" "$out/contents" || fail "asset $f is not packaged"
done
dpkg-deb -x "$deb" "$out/data"
# The kiosk unit's PAM service is the package's own file.
pam=$(sed -n 's/^PAMName=//p' "$out/data/lib/systemd/system/gongkai-kiosk.service")
[ -n "$pam" ] && [ -f "$out/data/etc/pam.d/$pam" ] || fail "gongkai-kiosk.service's PAMName=$pam is not a packaged /etc/pam.d file"
for p in gongkai gongkai-sync gongkai-kiosk; do
    readelf -S "$out/data/usr/bin/$p" | grep -q -e '\.debug_info' -e '\.symtab' && fail "/usr/bin/$p is not stripped"
done
zcat "$out/data/usr/share/man/man1/gongkai-sync.1.gz" | grep -q -e '-once' ||
    fail "gongkai-sync(1) does not list --once (not made from its --help?)"
echo "contents: programs (stripped), $(grep -c ' \./usr/share/gongkai/assets/.*[^/]$' "$out/contents") assets, units, udev rule, config, PAM, man pages"

# [3] Depends: shared libraries (dpkg-shlibdeps) and what is run or read.
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for name in libc6 libstdc++6 libsqlite3-0 libsodium23 libzstd1 libcurl4 libglfw3 libzinnia0 \
    adduser cage xwayland fonts-noto-cjk tegaki-zinnia-simplified-chinese libpam-systemd; do
    echo "$depends" | tr ',|' '\n\n' | sed 's/^ *//; s/ .*//' | grep -qx "$name" || fail "Depends lacks $name"
done

# [4] conffiles: the config and the PAM file, and every file under /etc.
dpkg-deb --ctrl-tarfile "$deb" | tar -x -C "$out" ./conffiles
grep -qx /etc/gongkai/gongkai.toml "$out/conffiles" || fail "conffiles lacks /etc/gongkai/gongkai.toml"
sed -n 's|^-.* \./etc/|/etc/|p' "$out/contents" | while read -r f; do
    grep -qx "$f" "$out/conffiles" || fail "$f is in /etc but not a conffile"
done

# [5] lintian: no errors. Warnings and notes are printed, not failed.
# lintian's exit status: 0 no error, 1 errors, anything else it did not run.
status=0
lintian --tag-display-limit 0 --display-info "$deb" >"$out/lintian" 2>&1 || status=$?
echo "lintian: $(grep -c '^E:' "$out/lintian") errors, $(grep -c '^W:' "$out/lintian") warnings, $(grep -c '^[IPX]:' "$out/lintian") notes"
sed 's/^/  /' "$out/lintian"
[ "$status" -le 1 ] || fail "lintian did not run (exit $status)"
if [ "$status" -eq 1 ] || grep -q '^E:' "$out/lintian"; then fail "lintian reports errors"; fi

# [6] The install cycle, in a throwaway root.
missing=$(echo "$depends" | tr ',' '\n' | sed 's/^ *//; s/ .*//; s/|.*//' | while read -r d; do
    dpkg-query -W -f '${Status}\n' "$d" 2>/dev/null | grep -q 'install ok installed' || echo "$d"
done)
[ -z "$missing" ] || fail "not installed on this machine, so not in the throwaway root: $missing"
unshare --mount --propagation private --fork sh "$(dirname "$0")/package_cycle.sh" "$src" "$deb" "$out" ||
    fail "the install cycle failed"
echo "install cycle: ok"
