import { describe, expect, it } from 'vitest';
import { readMakefileHandlers } from '../../../src/template/makefile.ts';

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
    ].join('\n');
    const handlers = readMakefileHandlers(makefile, { ROOT: '/repo' }, '/repo/Stack');
    expect(Object.fromEntries(handlers)).toEqual({
      A: '/repo/Stack/src/a/handler.ts',
      B: '/repo/Stack/src/b/handler.ts',
    });
  });
});
