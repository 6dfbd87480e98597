#!/usr/bin/env bash
# The Debian package as a user gets it: built with CPack from BUILD_DIR, installed with
# apt-get, the binary given its capabilities by the package, `--version`, the installed
# .desktop and metainfo validated, and an unprivileged user binding UDP 67 and 69 in a
# network namespace made here (a copy without the capabilities must fail to). The package
# is removed again at the end, and a workspace outside it survives the removal.
# Needs root (apt-get, ip netns). Usage: scripts/test-deb.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
if [ "$(id -u)" -ne 0 ]; then
    echo "SKIP: test-deb installs a package and makes a network namespace: it needs root" >&2
    exit 0
fi

ns=nbc-deb-$$
work=$(mktemp -d)
pids=()
fail=0
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
    if dpkg-query -W -f='${Status}' netboot-console 2>/dev/null | grep -q 'install ok installed'; then
        apt-get remove -y netboot-console >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }

# 1. Build the package.
rm -f "$build"/netboot-console_*.deb
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls "$build"/netboot-console_*.deb)
echo "package: $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb -f "$deb" Depends Recommends | sed 's/^/  /'
check "depends on the Qt modules it links" "dpkg-deb -f '$deb' Depends | grep -q 'libqt6widgets6' && dpkg-deb -f '$deb' Depends | grep -q 'libqt6network6'"
check "depends on yaml-cpp, libarchive, http-parser" "dpkg-deb -f '$deb' Depends | grep -q 'libyaml-cpp' && dpkg-deb -f '$deb' Depends | grep -q 'libarchive13' && dpkg-deb -f '$deb' Depends | grep -q 'libhttp-parser'"
check "depends on the SQLite driver, the SVG icon engine and setcap" "dpkg-deb -f '$deb' Depends | grep -q 'libqt6sql6-sqlite' && dpkg-deb -f '$deb' Depends | grep -q 'libqt6svg6' && dpkg-deb -f '$deb' Depends | grep -q 'libcap2-bin'"
check "recommends ipxe" "dpkg-deb -f '$deb' Recommends | grep -q 'ipxe'"

# 2. Install it as a user would.
apt-get install -y "./$deb" >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; exit 1; }
check "installed" "dpkg-query -W -f='\${Status}' netboot-console | grep -q 'install ok installed'"
caps=$(getcap /usr/bin/netboot-console)
echo "  $caps"
check "capabilities granted" "echo '$caps' | grep -q 'cap_net_bind_service,cap_net_raw[+=]ep'"
version=$(/usr/bin/netboot-console --version)
echo "  $version"
check "--version names the version and the revision" "echo '$version' | grep -Eq '^netboot-console [0-9]+\.[0-9]+\.[0-9]+ \(revision [0-9a-z.+-]+\)'"
check "desktop-file-validate" "desktop-file-validate /usr/share/applications/org.netbootconsole.NetbootConsole.desktop"
check "appstreamcli validate" "appstreamcli validate --no-net /usr/share/metainfo/org.netbootconsole.NetbootConsole.metainfo.xml >/dev/null"
check "man page" "man -w netboot-console >/dev/null"

# 3. An unprivileged user binds 67 and 69 in a namespace of its own.
ip netns add "$ns"
ip -n "$ns" link set lo up
ip -n "$ns" link add nbc0 type veth peer name nbc1
ip -n "$ns" addr add 10.251.0.1/24 dev nbc0
ip -n "$ns" link set nbc0 up
ip -n "$ns" link set nbc1 up
user=nobody
workspace=$work/workspace
mkdir -p "$workspace"
chown "$user" "$workspace" "$work"
run_as_user() {  # binary, log
    ip netns exec "$ns" runuser -u "$user" -- env HOME="$work" "$1" --headless --workspace "$workspace" \
        --interface nbc0 --mode proxy --http-port 18080 --log-port 14050 >"$2" 2>&1 &
    pids+=($!)
}
run_as_user /usr/bin/netboot-console "$work/console.log"
bound=no
for _ in $(seq 1 50); do
    if ip netns exec "$ns" ss -Hulnp | grep -q ':67 ' && ip netns exec "$ns" ss -Hulnp | grep -q ':69 '; then
        bound=yes
        break
    fi
    sleep 0.2
done
ip netns exec "$ns" ss -Hulnp | sed 's/^/  /'
check "as $user, the packaged binary binds UDP 67 and 69" "[ $bound = yes ]"
owner_pid=$(ip netns exec "$ns" ss -Hulnp | grep ':67 ' | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
check "the process on port 67 runs as $user" "[ \"\$(ps -o user= -p '$owner_pid')\" = '$user' ]"
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true

# The same binary without its capabilities is refused, and says what to do.
cp /usr/bin/netboot-console "$work/plain-console"
chmod 755 "$work/plain-console"
run_as_user "$work/plain-console" "$work/plain.log"
sleep 3
kill "${pids[1]}" 2>/dev/null || true; wait "${pids[1]}" 2>/dev/null || true
check "without the capabilities port 67 is refused" "! ip netns exec '$ns' ss -Hulnp | grep -q ':67 '"
check "the refusal names setcap" "grep -q 'setcap' '$work/plain.log'"

# 4. Removing the package leaves the user's workspace alone.
apt-get remove -y netboot-console >/dev/null 2>&1
check "removed" "! [ -e /usr/bin/netboot-console ]"
check "the workspace is still there" "[ -f '$workspace/netboot.yaml' ]"
exit $fail
