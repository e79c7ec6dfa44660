import { Logger } from '@aws-lambda-powertools/logger';
import { captureOutput } from '@glr/test-support';
import { describe, expect, it } from 'vitest';
import { loggerPortFrom } from '../../src/index.ts';

const linesOf = (
  log: (port: ReturnType<typeof loggerPortFrom>) => void,
  logLevel: 'DEBUG' | 'INFO' = 'DEBUG',
) => {
  const port = loggerPortFrom(new Logger({ serviceName: 'observability-test', logLevel }));
  const output = captureOutput();
  try {
    log(port);
  } finally {
    output.restore();
  }
  return output.records();
};

describe('loggerPortFrom', () => {
  it('writes each level as a Powertools JSON line with the extra fields merged in', () => {
    const lines = linesOf((port) => {
      port.debug('looking', { jobId: 1 });
      port.info('started', { jobId: 2 });
      port.warn('slow', { attempt: 3 });
      port.error('failed', { reason: 'gone' });
    });

    expect(lines).toEqual([
      expect.objectContaining({
        level: 'DEBUG',
        message: 'looking',
        jobId: 1,
        service: 'observability-test',
      }),
      expect.objectContaining({ level: 'INFO', message: 'started', jobId: 2 }),
      expect.objectContaining({ level: 'WARN', message: 'slow', attempt: 3 }),
      expect.objectContaining({ level: 'ERROR', message: 'failed', reason: 'gone' }),
    ]);
  });

  it('logs a line without extra fields', () => {
    const [line] = linesOf((port) => port.info('plain'));

    expect(line).toMatchObject({ level: 'INFO', message: 'plain' });
  });

  it("keeps the Logger's level: debug lines are dropped at INFO", () => {
    const lines = linesOf((port) => {
      port.debug('hidden');
      port.info('shown');
    }, 'INFO');

    expect(lines.map((line) => line.message)).toEqual(['shown']);
  });
});
