import { readdirSync, readFileSync } from 'node:fs';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handleWebhook } from '../../src/webhook/handle-webhook.ts';
import { setUpWebhook } from '../support/webhook-harness.ts';
import { type JobHookFixture, readJobHookFixture } from '../support/webhook-request.ts';

/** The secret the sample events carry; README's `pnpm invoke` set-up stores it in SSM. */
const SAMPLE_SECRET = 'local-webhook-secret';
const eventsDir = new URL('../../events/', import.meta.url);
const readEvent = (file: string): APIGatewayProxyEventV2 =>
  JSON.parse(readFileSync(new URL(file, eventsDir), 'utf8'));

const answer = async (file: string) => {
  const { dependencies } = setUpWebhook({ secrets: { tokens: [SAMPLE_SECRET] } });
  const response = await handleWebhook(readEvent(file), dependencies);
  return { statusCode: response.statusCode, body: JSON.parse(response.body ?? '{}') };
};

describe('sample events for pnpm invoke and sam local invoke', () => {
  const jobHookEvents = readdirSync(eventsDir).filter((file) =>
    /^job-hook-(?!wrong-token).*\.json$/.test(file),
  );

  it('has one event per shared GitLab fixture', () => {
    expect(jobHookEvents.sort()).toEqual(
      ['canceled', 'failed', 'pending', 'running', 'success', 'test-button'].map(
        (name) => `job-hook-${name}.json`,
      ),
    );
  });

  it.each(jobHookEvents)('%s carries its fixture unchanged and is accepted', async (file) => {
    const fixture = file.replace(/^job-hook-|\.json$/g, '') as JobHookFixture;
    expect(JSON.parse(readEvent(file).body ?? '')).toEqual(readJobHookFixture(fixture));
    expect((await answer(file)).statusCode).toBe(202);
  });

  it('ignores the Push Hook sample', async () => {
    expect(await answer('push-hook-ignored.json')).toEqual({
      statusCode: 202,
      body: { ignored: "X-Gitlab-Event is not 'Job Hook'" },
    });
  });

  it('refuses the wrong-token sample', async () => {
    expect((await answer('job-hook-wrong-token.json')).statusCode).toBe(401);
  });
});
