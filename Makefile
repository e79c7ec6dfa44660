# Two commands on a fresh clone: `make dev` runs the product locally, `make test` runs every check.
# Both install the pinned toolchain into .tools/ first when the machine lacks it.
SHELL := bash
ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
NODE_ARCH := $(if $(filter aarch64 arm64,$(shell uname -m)),arm64,x64)
# Tools installed by scripts/setup-tools.sh come first; missing folders on PATH are harmless.
export PATH := $(ROOT)/.tools/node/node_modules/node-linux-$(NODE_ARCH)/bin:$(ROOT)/.tools/pnpm/bin:$(ROOT)/.tools/python/bin:$(PATH)

.PHONY: setup install build dev demo test bench clean

setup:
	@bash scripts/setup-tools.sh

install: setup node_modules/.modules.yaml

node_modules/.modules.yaml: | setup
node_modules/.modules.yaml: pnpm-lock.yaml package.json $(wildcard */package.json packages/*/package.json)
	pnpm install --frozen-lockfile
	@touch $@

build: install
	pnpm build

dev: install
	pnpm dev

demo: install
	pnpm demo

test: install
	pnpm test

bench: install
	pnpm bench

clean:
	rm -rf node_modules */node_modules packages/*/node_modules */dist .aws-sam */.aws-sam
