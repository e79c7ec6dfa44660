import { ConfigurationError } from '@glr/core';
import { describe, expect, it } from 'vitest';
import { parseDevArgs } from '../../../src/cli/dev-args.ts';

describe('parseDevArgs', () => {
  it('defaults to 127.0.0.1:8080, in memory, with the live view', () => {
    expect(parseDevArgs([], {})).toEqual({ host: '127.0.0.1', port: 8080, logs: false, help: false });
  });

  it('takes GLR_PORT, and --port over it', () => {
    expect(parseDevArgs([], { GLR_PORT: '9000' }).port).toBe(9000);
    expect(parseDevArgs(['--port', '9001'], { GLR_PORT: '9000' }).port).toBe(9001);
  });

  it('reads --data, --logs and --help', () => {
    expect(parseDevArgs(['--data', '.local', '--logs', '--help'], {})).toMatchObject({
      dataDir: '.local',
      logs: true,
      help: true,
    });
  });

  it('names a bad port and an unknown flag', () => {
    expect(() => parseDevArgs(['--port', 'x'], {})).toThrow(/--port \(or GLR_PORT\) must be a port number/);
    expect(() => parseDevArgs(['--nope'], {})).toThrow(ConfigurationError);
  });
});
