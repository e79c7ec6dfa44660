import { describe, expect, it } from 'vitest';
import { createRunnerName, parseRunnerName } from '../../src/index.ts';

describe('runner names', () => {
  it('names a runner after its job and parses the job id back', () => {
    const name = createRunnerName(4711);
    expect(name).toMatch(/^glr-4711-[a-z0-9]{6}$/);
    expect(parseRunnerName(name)).toEqual({ jobId: 4711, suffix: name.slice(-6) });
  });

  it('gives two runners for the same job different names', () => {
    expect(createRunnerName(1)).not.toBe(createRunnerName(1));
  });

  it.each([
    ['ephemeral-4711'],
    ['glr-4711'],
    ['glr-abc-123456'],
    ['glr-4711-ABCDEF'],
    ['xglr-4711-abcdef'],
    ['glr-99999999999999999999-abcdef'],
    [''],
    [null],
    [undefined],
  ])('does not claim %j as one of ours', (name) => {
    expect(parseRunnerName(name)).toBeUndefined();
  });
});
