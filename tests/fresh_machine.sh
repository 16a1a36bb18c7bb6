#!/usr/bin/env bash
# The newcomer's first hour, as a test: a fresh Debian 12 (bookworm,
# minbase) in a chroot, a clean clone of this repository's HEAD, and the
# README's first command run exactly as written there. Then the test tools
# .ci/run installs, and the suites that need what a fresh machine lacks
# (fonts, Node, Chromium, a JRE): pdf, site and browser.
#
# Why: twice the project passed on machines that happened to have a font
# package or a newer Node that a fresh Debian 12 does not; only a machine
# with nothing on it shows that class of failure.
#
# Usage: tests/fresh_machine.sh            (needs root, debootstrap, Debian's registry)
# Prints `ok - …` / `not ok - …` lines and exits non-zero on failure. Outside
# CI, a machine that cannot run it (not root, no debootstrap) skips with a
# notice; under CI=true that is a failure.
set -uo pipefail
root_dir=$(cd "$(dirname "$0")/.." && pwd)

cannot() {
    if [ "${CI:-}" = "true" ]; then echo "not ok - fresh machine: $1"; exit 1; fi
    echo "SKIPPED: fresh machine: $1"; exit 0
}
[ "$(id -u)" = 0 ] || cannot "needs root (chroot)"
command -v debootstrap >/dev/null || cannot "needs debootstrap (apt-get install debootstrap)"

# The README's first command: the first ```sh block of README.md, so the
# test can never drift from what a newcomer reads.
command_1=$(awk '/^```sh$/ {inside=1; next} inside && /^```$/ {exit} inside {print}' "$root_dir/README.md")
[ -n "$command_1" ] || { echo "not ok - fresh machine: README.md has no \`\`\`sh block"; exit 1; }

# A minbase system is the same every day; keep it a week to save CI minutes.
cache=${REFERAT_FRESH_CACHE:-/var/tmp/referat-fresh-bookworm.tar}
if [ ! -f "$cache" ] || [ -n "$(find "$cache" -mtime +7 2>/dev/null)" ]; then
    staging=$(mktemp -d /var/tmp/referat-bookworm.XXXXXX)
    if ! debootstrap --variant=minbase --include=git,ca-certificates bookworm "$staging" >"$staging.log" 2>&1; then
        tail -5 "$staging.log"; rm -rf "$staging" "$staging.log"
        echo "not ok - fresh machine: debootstrap failed"; exit 1
    fi
    tar -C "$staging" -cf "$cache.tmp" . && mv "$cache.tmp" "$cache"
    rm -rf "$staging" "$staging.log"
fi

chroot_dir=$(mktemp -d /var/tmp/referat-fresh.XXXXXX)
cleanup() {
    umount "$chroot_dir/dev" "$chroot_dir/proc" 2>/dev/null
    rm -rf "$chroot_dir"
}
trap cleanup EXIT
tar -C "$chroot_dir" -xf "$cache"
cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf" 2>/dev/null
mount -t proc proc "$chroot_dir/proc" && mount --bind /dev "$chroot_dir/dev"
# A proxy in front of the registries may need the host's extra certificates.
if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
    mkdir -p "$chroot_dir/usr/local/share/ca-certificates"
    cp /usr/local/share/ca-certificates/*.crt "$chroot_dir/usr/local/share/ca-certificates/"
    chroot "$chroot_dir" update-ca-certificates >/dev/null 2>&1
fi
git clone -q "$root_dir" "$chroot_dir/root/project"

in_chroot() {
    chroot "$chroot_dir" /usr/bin/env -i HOME=/root TERM=dumb \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
        bash -c "cd /root/project && $1"
}

passed=0 failed=0
step() { # step NAME COMMAND: run, report, keep the tail of a failure
    local log="$chroot_dir/step.log"
    if in_chroot "$2" >"$log" 2>&1; then
        echo "ok - fresh machine: $1"; passed=$((passed + 1))
    else
        echo "not ok - fresh machine: $1"; tail -n 25 "$log" | sed 's/^/    /'; failed=$((failed + 1))
        return 1
    fi
}

if step "README's first command" "$command_1"; then
    # What the first command promises: the site, a page and a PDF per meeting.
    meetings=$(find "$chroot_dir/root/project/examples/meetings" -name '*.md' | wc -l)
    pdfs=$(find "$chroot_dir/root/project/site" -name '*.pdf' | wc -l)
    # A meeting's page is BODY/YYYY-MM-DD.html (saker/ and personer/ hold
    # the history and person pages, which are not meetings).
    pages=$(find "$chroot_dir/root/project/site" -mindepth 2 -regextype posix-extended \
        -regex '.*/[0-9]{4}-[0-9]{2}-[0-9]{2}\.html' | wc -l)
    if [ -f "$chroot_dir/root/project/site/index.html" ] && [ "$pdfs" -eq "$meetings" ] && [ "$pages" -eq "$meetings" ]; then
        echo "ok - fresh machine: site/index.html, $pages meeting pages and $pdfs PDFs for $meetings meetings"
        passed=$((passed + 1))
    else
        echo "not ok - fresh machine: expected site/index.html and a page and PDF per meeting ($meetings), found $pages pages, $pdfs PDFs"
        failed=$((failed + 1))
    fi
    # The second command's installs (Debian's Node, Chromium, a JRE, the npm
    # packages) and the suites that depend on them.
    step ".ci/run --install-only" "bash .ci/run --install-only" &&
        step "pdf, site and browser suites" "CI=true meson test -C build --print-errorlogs pdf site browser"
fi
echo "fresh machine: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
