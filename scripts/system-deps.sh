#!/usr/bin/env bash
# Installs the Debian packages the test suite and benchmarks compare against or drive:
# libprelude's Python binding (IDMEF conformance), libauparse (reassembly oracle and bench
# reference), laurel (bench reference), auditd (the live plugin test) and chromium (the console's
# browser tests, which fail rather than skip without it). Idempotent and quick
# when everything is present; a machine without apt or root gets a warning, and the tests that
# need a missing piece say so when they skip.
set -u
pkgs=(python3-prelude libauparse-dev libaudit-dev gcc auditd laurel chromium)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "system-deps: missing ${missing[*]} (need root and apt-get); dependent tests will skip" >&2
  exit 0
fi
echo "system-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
  || echo "system-deps: apt-get failed; dependent tests will skip" >&2
# Installing auditd starts it on systemd hosts; tests start their own instance when they need one.
exit 0
