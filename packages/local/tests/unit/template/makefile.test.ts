import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMakefileHandlers } from '../../../src/template/makefile.ts';
import { repositoryRoot } from '../../fixtures/stack.ts';

describe('readMakefileHandlers', () => {
  it('finds the handler file of each build target, variables expanded and continuations joined', () => {
    const makefile = [
      'ROOT := $(abspath ..)',
      '.PHONY: build-A',
      'build-A:',
      '\tnode $(ROOT)/scripts/bundle.ts $(ROOT)/Stack/src/a/handler.ts $(ARTIFACTS_DIR)',
      '',
      'build-B:',
      '\tnode ${ROOT}/scripts/bundle.ts \\',
      '\t\tsrc/b/handler.ts $(ARTIFACTS_DIR)',
      'build-Image:',
      '\tdocker build .',
      'other:',
      '\techo src/c/handler.ts',
      'BUNDLE = node $(ROOT)/scripts/bundle.ts $(ROOT)/Stack/src/$(1)/handler.ts $(ARTIFACTS_DIR)',
      'build-C:',
      '\t$(call BUNDLE,claim-job)',
    ].join('\n');
    const handlers = readMakefileHandlers(makefile, { ROOT: '/repo' }, '/repo/Stack');
    expect(Object.fromEntries(handlers)).toEqual({
      A: '/repo/Stack/src/a/handler.ts',
      B: '/repo/Stack/src/b/handler.ts',
      C: '/repo/Stack/src/claim-job/handler.ts',
    });
  });
});

describe('readMakefileHandlers on the stacks', () => {
  it.each([
    ['AutoScaler', 'ClaimJobFunction', 'AutoScaler/src/claim-job/handler.ts'],
    ['Infrastructure', 'WebhookFunction', 'Infrastructure/src/webhook/handler.ts'],
  ])("reads %s's Makefile: %s bundles %s", (stack, logicalId, handler) => {
    const makefile = readFileSync(join(repositoryRoot, stack, 'Makefile'), 'utf8');
    const handlers = readMakefileHandlers(makefile, { ROOT: repositoryRoot }, join(repositoryRoot, stack));
    expect(handlers.get(logicalId)).toBe(join(repositoryRoot, handler));
  });
});
