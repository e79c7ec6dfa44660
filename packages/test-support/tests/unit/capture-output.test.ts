import { describe, expect, it } from 'vitest';
import { captureOutput } from '../../src/index.ts';

describe('captureOutput', () => {
  it('keeps what both streams print, parses the JSON lines, and prints nothing itself', () => {
    const output = captureOutput();
    try {
      process.stdout.write('{"message":"from stdout"}\n');
      process.stderr.write(Buffer.from('plain text\n{"level":"ERROR"}\n'));
    } finally {
      output.restore();
    }

    expect(output.text()).toBe('{"message":"from stdout"}\nplain text\n{"level":"ERROR"}\n');
    expect(output.records()).toEqual([{ message: 'from stdout' }, { level: 'ERROR' }]);
  });

  it('forgets on clear and gives the streams their own write back on restore', () => {
    const ownWrite = process.stdout.write;
    const output = captureOutput();
    process.stdout.write('before\n');
    output.clear();
    process.stdout.write('after\n');
    output.restore();

    expect(output.text()).toBe('after\n');
    expect(process.stdout.write).toBe(ownWrite);
  });
});
