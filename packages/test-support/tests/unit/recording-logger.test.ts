import { describe, expect, it } from 'vitest';
import { recordingLogger } from '../../src/index.ts';

describe('recordingLogger', () => {
  it('keeps each line with its level, message and extra fields, in order', () => {
    const logger = recordingLogger();
    logger.info('started', { jobId: 1 });
    logger.error('failed');

    expect(logger.lines).toEqual([
      { level: 'info', message: 'started', extra: { jobId: 1 } },
      { level: 'error', message: 'failed' },
    ]);
  });

  it('spells out errors and their causes in text(), so a secret inside one is visible', () => {
    const logger = recordingLogger();
    logger.warn('call failed', { error: new Error('outer', { cause: new Error('inner glrt-hidden') }) });

    expect(logger.text()).toContain('"level":"warn"');
    expect(logger.text()).toContain('outer');
    expect(logger.text()).toContain('inner glrt-hidden');
  });
});
