#!/usr/bin/env bash
# The Debian package holds a mobcheck that runs, and its documentation.
#   test_deb.sh BUILD_DIR
set -euo pipefail
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$build" && cpack -G DEB -B "$work/out" >/dev/null)
deb=$(ls "$work"/out/mobcheck_*.deb)
# Outputs are captured first: with pipefail, "cmd | grep -q" fails whenever grep exits before cmd
# has written everything.
info=$(dpkg-deb --info "$deb")
grep -q "Package: mobcheck" <<<"$info"
grep -q "Depends: .*libc-ares2" <<<"$info"
dpkg-deb -x "$deb" "$work/root"
grep -q "^mobcheck " <<<"$("$work/root/usr/bin/mobcheck" --version)"
grep -q "dns.lyncdiscover" <<<"$("$work/root/usr/bin/mobcheck" --list-checks)"
test -s "$work/root/usr/share/doc/mobcheck/checks.md"
test -s "$work/root/usr/share/doc/mobcheck/config.md"
# The man page and the bash completion, as the binary wrote them at build time.
grep -q "^\.TH MOBCHECK 1" "$work/root/usr/share/man/man1/mobcheck.1"
grep -q "^complete -F _mobcheck mobcheck" "$work/root/usr/share/bash-completion/completions/mobcheck"
echo "package: $(basename "$deb") installs a working mobcheck"
