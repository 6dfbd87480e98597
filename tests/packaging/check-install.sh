#!/usr/bin/env bash
# `cmake --install` of a build into a scratch prefix: the binary, the man page and (with
# the window) the .desktop file, the AppStream metainfo and the icons land in the XDG
# places, and the validators accept them. Usage: check-install.sh BUILD_DIR GUI(ON|OFF)
set -euo pipefail
build=$1
gui=${2:-ON}
id=org.netbootconsole.NetbootConsole
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }

cmake --install "$build" --prefix "$stage/usr" >/dev/null
check "binary in bin/" "[ -x '$stage/usr/bin/netboot-console' ]"
check "man page" "[ -f '$stage/usr/share/man/man1/netboot-console.1' ]"
# groff's warnings (-ww) about the page's own markup, not the terminal's width.
warnings=$(groff -man -Tutf8 -ww -z "$stage/usr/share/man/man1/netboot-console.1" 2>&1 || true)
check "man page renders without warnings" "[ -z \"\$warnings\" ]" || true
[ -z "$warnings" ] || echo "$warnings"
# Every option of --help is in the man page.
for option in $("$stage/usr/bin/netboot-console" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    check "man page names $option" "grep -q -- '$(echo "$option" | sed 's/-/\\\\-/g')' '$stage/usr/share/man/man1/netboot-console.1'"
done

if [ "$gui" = ON ]; then
    desktop=$stage/usr/share/applications/$id.desktop
    metainfo=$stage/usr/share/metainfo/$id.metainfo.xml
    check ".desktop installed" "[ -f '$desktop' ]"
    check "metainfo installed" "[ -f '$metainfo' ]"
    check "scalable icon" "[ -f '$stage/usr/share/icons/hicolor/scalable/apps/$id.svg' ]"
    if command -v rsvg-convert >/dev/null; then
        for size in 16 32 48 64 128 256; do
            png=$stage/usr/share/icons/hicolor/${size}x${size}/apps/$id.png
            check "${size}px icon" "[ -f '$png' ] && file '$png' | grep -q '$size x $size'"
        done
    fi
    if command -v desktop-file-validate >/dev/null; then
        check "desktop-file-validate" "desktop-file-validate '$desktop'"
    else
        echo "SKIP: desktop-file-validate is not installed (desktop-file-utils)"
    fi
    if command -v appstreamcli >/dev/null; then
        # --no-net: the screenshot's address is checked when it is published, not here.
        check "appstreamcli validate" "appstreamcli validate --no-net '$metainfo' >/dev/null"
        check "metainfo names the .desktop file" "grep -q '<launchable type=\"desktop-id\">$id.desktop</launchable>' '$metainfo'"
    else
        echo "SKIP: appstreamcli is not installed (appstream)"
    fi
    check "the .desktop file starts the installed binary" "grep -q '^Exec=netboot-console' '$desktop'"
fi
exit $fail
