import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigurationError, loadEnvironment, positiveIntegerSetting } from '../../src/index.ts';

const schema = z.object({
  GLR_TABLE_NAME: z.string().describe('the runner state table name'),
  GLR_MAX_RUNNERS: positiveIntegerSetting(10).describe('the most runners alive at once'),
});

describe('loadEnvironment', () => {
  it('reads settings and applies defaults', () => {
    expect(loadEnvironment(schema, { GLR_TABLE_NAME: 'state' })).toEqual({
      GLR_TABLE_NAME: 'state',
      GLR_MAX_RUNNERS: 10,
    });
    expect(loadEnvironment(schema, { GLR_TABLE_NAME: 'state', GLR_MAX_RUNNERS: '3' }).GLR_MAX_RUNNERS).toBe(
      3,
    );
  });

  it('names every missing or invalid setting and what it is', () => {
    const load = () => loadEnvironment(schema, { GLR_TABLE_NAME: '  ', GLR_MAX_RUNNERS: '-2' });
    expect(load).toThrow(ConfigurationError);
    expect(load).toThrow(
      /GLR_TABLE_NAME is required \(the runner state table name\); GLR_MAX_RUNNERS must be a positive whole number \(the most runners alive at once\)/,
    );
  });
});
