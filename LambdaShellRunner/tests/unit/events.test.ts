import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseLambdaRunnerPayload } from '@glr/core';
import { describe, expect, it } from 'vitest';

const eventsDir = resolve(import.meta.dirname, '../../events');
const events = readdirSync(eventsDir).filter((name) => name.endsWith('.json'));

describe('sample events', () => {
  it("has the AutoScaler's start payload and a hand-made smoke test", () => {
    expect(events.sort()).toEqual(['autoscaler-start.json', 'smoke-test.json']);
  });

  it.each(events)('%s is a valid runner payload', (name) => {
    const event: unknown = JSON.parse(readFileSync(join(eventsDir, name), 'utf8'));
    expect(parseLambdaRunnerPayload(event)).toEqual(event);
  });
});
