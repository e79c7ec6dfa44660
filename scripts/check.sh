#!/usr/bin/env bash
# Every check and test of the repository; stops at the first failure. `make test` and `pnpm test`.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
if [ -d "$root/.tools/python/bin" ]; then PATH="$root/.tools/python/bin:$PATH"; fi
export PATH="$root/node_modules/.bin:$PATH"
# Template checks run offline: a region and dummy credentials, never the machine's real ones.
export AWS_REGION=eu-west-1 AWS_DEFAULT_REGION=eu-west-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
export AWS_EC2_METADATA_DISABLED=true SAM_CLI_TELEMETRY=0

step() { printf '\n==> %s\n' "$*"; }
mapfile -t templates < <(ls ./*/template.yaml)
mapfile -t asl_files < <(ls ./*/statemachines/*.asl.json 2>/dev/null || true)
mapfile -t shell_scripts < <(git ls-files --cached --others --exclude-standard '*.sh' .ci/run)

step "biome (lint + format)"
biome ci --reporter=summary .

step "tsc --noEmit (strict)"
tsc --noEmit -p tsconfig.json

step "shellcheck (${#shell_scripts[@]} scripts)"
shellcheck -x "${shell_scripts[@]}"

step "yamllint"
yamllint --strict -c .yamllint.yaml .

step "asl-validator (${#asl_files[@]} state machines)"
for asl in "${asl_files[@]}"; do asl-validator --json-path "$asl"; done

step "cfn-lint (${#templates[@]} templates)"
cfn-lint "${templates[@]}"

step "sam validate --lint"
for template in "${templates[@]}"; do sam validate --lint --template-file "$template" --region "$AWS_REGION"; done

step "sam build (zip functions)"
bash scripts/sam-build-all.sh

step "vitest"
vitest run

step "benchmarks (quick: counts only, never timings)"
if [ -f bench/run.ts ]; then node bench/run.ts --quick; else echo "no benchmarks yet"; fi
