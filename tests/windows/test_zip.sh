#!/usr/bin/env bash
# The Windows zip (scripts/package --windows) holds one mobcheck.exe that runs with no other file: it
# imports only DLLs that every Windows has, and it runs under Wine from a folder of its own.
#   test_zip.sh          (MOBCHECK_WINEPREFIX set, as CTest sets it)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
zip=$("$top/scripts/package" --windows --no-build)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && unzip -q "$zip")
dir=$(find "$work" -mindepth 1 -maxdepth 1 -type d)
# One program, no library beside it.
[ "$(find "$dir" -iname '*.exe' | wc -l)" -eq 1 ] || { echo "not one .exe in $(basename "$zip")" >&2; exit 1; }
[ "$(find "$dir" -iname '*.dll' | wc -l)" -eq 0 ] || { echo "a DLL in $(basename "$zip")" >&2; exit 1; }
test -s "$dir/README.md"
test -s "$dir/docs/checks.md"
# Its imports: Windows' own DLLs only (no libstdc++, libgcc, winpthread, OpenSSL or curl DLL).
imports=$(x86_64-w64-mingw32-objdump -p "$dir/mobcheck.exe" | sed -n 's/^\s*DLL Name: //p' | tr 'A-Z' 'a-z' | sort -u)
allowed="advapi32.dll bcrypt.dll crypt32.dll gdi32.dll iphlpapi.dll kernel32.dll msvcrt.dll shell32.dll user32.dll wldap32.dll ws2_32.dll"
for dll in $imports; do
    case " $allowed " in
        *" $dll "*) ;;
        *) echo "mobcheck.exe imports $dll, which Windows does not have" >&2; exit 1 ;;
    esac
done
grep -q "kernel32.dll" <<<"$imports"
# It runs from its own folder, with nothing else there.
out=$(cd "$dir" && "$top/tests/windows/wine-run" ./mobcheck.exe --version)
grep -q "^mobcheck " <<<"$out"
out=$(cd "$dir" && "$top/tests/windows/wine-run" ./mobcheck.exe --list-checks)
grep -q "dns.lyncdiscover" <<<"$out"
echo "windows: $(basename "$zip") holds one mobcheck.exe that runs alone"
