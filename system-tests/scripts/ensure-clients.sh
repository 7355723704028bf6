#!/usr/bin/env bash
# Installs, when missing, the clients that the system tests drive against a started broker:
#   - Debian packages kcat and python3-confluent-kafka (librdkafka for Debian's /usr/bin/python3);
#   - kafkajs, at the version locked in system-tests/package-lock.json, into system-tests/node_modules.
# Idempotent: when everything is in place it only checks and says so. `apt-get update` runs only
# when a Debian package is missing. Installing needs root (or password-less sudo), as in CI.
# Anything that cannot be installed fails this script, and with it the build: the system tests
# never skip a missing client.
#
# The Maven build of system-tests runs this in process-test-resources (skipped with -DskipTests).
set -euo pipefail

module_dir=$(cd "$(dirname "$0")/.." && pwd)
debian_packages=(kcat python3-confluent-kafka)
debian_python=/usr/bin/python3

say() { echo "ensure-clients: $*"; }
fail() { echo "ensure-clients: ERROR: $*" >&2; exit 1; }

installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

# Runs a command as root: directly when root (CI), else through password-less sudo.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  else
    sudo -n "$@"
  fi
}

can_install() {
  [ "$(id -u)" -eq 0 ] || { command -v sudo >/dev/null && sudo -n true 2>/dev/null; }
}

ensure_debian_packages() {
  command -v dpkg-query >/dev/null || fail "dpkg-query not found: this script installs Debian packages (${debian_packages[*]}) and needs a Debian-based system"
  local missing=() pkg
  for pkg in "${debian_packages[@]}"; do
    if installed "$pkg"; then
      say "Debian package $pkg: present"
    else
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -gt 0 ]; then
    can_install || fail "Debian packages missing: ${missing[*]}; installing them needs root or password-less sudo:" \
      "run 'sudo apt-get update && sudo apt-get install -y ${missing[*]}' once, or run this script as root"
    say "Debian packages missing: ${missing[*]}; running apt-get update and apt-get install -y ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get -o DPkg::Lock::Timeout=300 update -q \
      || fail "apt-get update failed"
    as_root apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "${missing[@]}" \
      || fail "apt-get install -y ${missing[*]} failed"
    for pkg in "${missing[@]}"; do
      installed "$pkg" || fail "Debian package $pkg is still not installed after apt-get install"
    done
  fi
  command -v kcat >/dev/null || fail "kcat is not on PATH although package kcat is installed"
  say "kcat: $(kcat -V 2>&1 | grep -m 1 Version || echo 'version unknown')"
  [ -x "$debian_python" ] || fail "$debian_python not found (python3-confluent-kafka installs for Debian's python3)"
  local version
  version=$("$debian_python" -c 'import confluent_kafka as c; print(c.version()[0], "librdkafka", c.libversion()[0])') \
    || fail "$debian_python cannot import confluent_kafka although python3-confluent-kafka is installed"
  say "confluent_kafka for $debian_python: $version"
}

ensure_kafkajs() {
  command -v node >/dev/null || fail "node not found: kafkajs tests need Node.js (14 or newer) and npm"
  command -v npm >/dev/null || fail "npm not found: kafkajs tests need Node.js and npm"
  cd "$module_dir"
  local locked present
  locked=$(node -p "require('./package-lock.json').packages['node_modules/kafkajs'].version") \
    || fail "cannot read kafkajs' version from $module_dir/package-lock.json"
  present=$(node -p "try { require('./node_modules/kafkajs/package.json').version } catch (e) { '' }")
  if [ "$present" = "$locked" ]; then
    say "npm package kafkajs $locked: present in $module_dir/node_modules"
  else
    say "npm package kafkajs $locked: ${present:-missing}${present:+ installed instead}; running npm ci in $module_dir"
    npm ci --no-audit --no-fund || fail "npm ci in $module_dir failed"
    node -e "import('kafkajs')" || fail "node cannot import kafkajs from $module_dir after npm ci"
    say "npm package kafkajs $locked: installed"
  fi
}

ensure_debian_packages
ensure_kafkajs
say "all clients present"
