#!/bin/sh
# Writes a program's man page, generated from its --help by help2man and
# gzipped as Debian installs man pages. Run at build time by
# deploy/package.cmake for each installed program.
#
# usage: man-page.sh PROGRAM VERSION DESCRIPTION INCLUDE OUT.1.gz
#   PROGRAM      the built executable (run with --help only)
#   DESCRIPTION  the NAME line's text
#   INCLUDE      help2man include file (extra sections: DESCRIPTION, FILES, SEE ALSO)
#
# The program is run through PATH by its bare name, so its usage lines read
# "gongkai-sync …", not the build tree's path. Fails when help2man (Debian
# package help2man) is missing or the program's --help fails.
set -eu
[ $# -eq 5 ] || { echo "usage: man-page.sh PROGRAM VERSION DESCRIPTION INCLUDE OUT.1.gz" >&2; exit 2; }
program=$1 version=$2 description=$3 include=$4 out=$5
name=$(basename "$program")
command -v help2man >/dev/null 2>&1 || { echo "help2man is not installed (Debian package help2man)" >&2; exit 1; }
tmp=$out.tmp
PATH=$(dirname "$program"):$PATH LC_ALL=C.UTF-8 help2man --no-info --no-discard-stderr \
    --version-string="$version" --name="$description" --section=1 --manual="Gongkai" \
    --source="Gongkai $version" --include="$include" "$name" >"$tmp.1"
gzip -9n <"$tmp.1" >"$tmp"
rm -f "$tmp.1"
mv "$tmp" "$out"
