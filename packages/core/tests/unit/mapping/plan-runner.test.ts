import { describe, expect, it } from 'vitest';
import {
  EC2_DEFAULT_MAXIMUM_TIMEOUT_SECONDS,
  GITLAB_MINIMUM_TIMEOUT_SECONDS,
  LAMBDA_MAXIMUM_TIMEOUT_SECONDS,
  type MappingItem,
  type PlanDefaults,
  planRunner,
} from '../../../src/index.ts';

const DEFAULT_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:glr-default';
const MAPPED_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:glr-mapped';
const defaults: PlanDefaults = { functionArn: DEFAULT_ARN };

const lambda = (jobName: string, tags: string[], extra: Partial<MappingItem> = {}): MappingItem => ({
  jobName,
  tags,
  type: 'LAMBDA',
  arn: MAPPED_ARN,
  ...extra,
});
const ec2 = (jobName: string, tags: string[], extra: Partial<MappingItem> = {}): MappingItem => ({
  jobName,
  tags,
  type: 'EC2',
  ...extra,
});

const plan = (job: { name: string; tags?: string[] }, items: MappingItem[], planDefaults = defaults) =>
  planRunner({ job, items, defaults: planDefaults });

describe('planRunner without a mapping', () => {
  it('uses the default Lambda runner with the job real tags', () => {
    expect(plan({ name: 'build', tags: ['Linux', 'docker'] }, [])).toEqual({
      kind: 'LAMBDA',
      functionArn: DEFAULT_ARN,
      tags: ['docker', 'linux'],
      runUntagged: false,
      maximumTimeout: LAMBDA_MAXIMUM_TIMEOUT_SECONDS,
      source: 'default',
      tagsFromApi: true,
    });
  });

  it('creates an untagged runner that runs untagged jobs when the tags are unknown', () => {
    expect(plan({ name: 'build' }, [])).toMatchObject({ tags: [], runUntagged: true, tagsFromApi: false });
  });

  it('creates an untagged runner for a job known to have no tags', () => {
    expect(plan({ name: 'build', tags: [] }, [])).toMatchObject({
      tags: [],
      runUntagged: true,
      tagsFromApi: true,
    });
  });

  it('ignores items for other job names', () => {
    expect(plan({ name: 'build', tags: [] }, [ec2('test', []), ec2('Build', [])])).toMatchObject({
      source: 'default',
    });
  });

  it('uses the job tags and the default runner when no item for the name can take the job', () => {
    const result = plan({ name: 'build', tags: ['docker', 'arm64'] }, [
      ec2('build', ['docker']),
      ec2('build', []),
    ]);
    expect(result).toMatchObject({ kind: 'LAMBDA', source: 'default', tags: ['arm64', 'docker'] });
  });

  it('never gives an untagged job a tagged runner: it could not pick the job up', () => {
    expect(plan({ name: 'build', tags: [] }, [ec2('build', ['docker'])])).toMatchObject({
      source: 'default',
      runUntagged: true,
    });
  });
});

describe('planRunner with the job tags known', () => {
  it('prefers the item whose tags equal the job tags, in any case and order', () => {
    const items = [
      ec2('build', ['docker', 'linux', 'large']),
      ec2('build', ['linux', 'docker']),
      ec2('build', []),
    ];
    expect(plan({ name: 'build', tags: ['Docker', 'linux'] }, items)).toMatchObject({
      kind: 'EC2',
      tags: ['docker', 'linux'],
      runUntagged: false,
      source: 'mapping',
      tagsFromApi: true,
    });
  });

  it('takes the covering item with the fewest extra tags when none is equal', () => {
    const items = [
      ec2('build', ['docker', 'linux', 'large']),
      ec2('build', ['docker', 'gpu']),
      ec2('build', ['gpu']),
    ];
    expect(plan({ name: 'build', tags: ['docker'] }, items).tags).toEqual(['docker', 'gpu']);
  });

  it('breaks a tie between covering items by sort key', () => {
    const items = [ec2('build', ['docker', 'zone-b']), ec2('build', ['docker', 'zone-a'])];
    expect(plan({ name: 'build', tags: ['docker'] }, items).tags).toEqual(['docker', 'zone-a']);
  });

  it('takes the untagged item for an untagged job', () => {
    const items = [lambda('lint', ['docker']), lambda('lint', [], { arn: `${MAPPED_ARN}:live` })];
    expect(plan({ name: 'lint', tags: [] }, items)).toMatchObject({
      functionArn: `${MAPPED_ARN}:live`,
      tags: [],
      runUntagged: true,
    });
  });
});

describe('planRunner with the job tags unknown', () => {
  it('takes the only item for the name', () => {
    expect(plan({ name: 'build' }, [ec2('build', ['docker'])])).toMatchObject({
      kind: 'EC2',
      tags: ['docker'],
      runUntagged: false,
      source: 'mapping',
      tagsFromApi: false,
    });
  });

  it('takes the item with the fewest tags, ties by sort key, whatever the order of the items', () => {
    const items = [ec2('build', ['docker', 'large']), ec2('build', ['linux']), ec2('build', ['docker'])];
    expect(plan({ name: 'build' }, items).tags).toEqual(['docker']);
    expect(plan({ name: 'build' }, [...items].reverse()).tags).toEqual(['docker']);
  });
});

describe('planRunner settings', () => {
  it('runs a LAMBDA item on its own function with its timeout', () => {
    expect(plan({ name: 'deploy' }, [lambda('deploy', [], { maximumTimeout: 700 })])).toMatchObject({
      kind: 'LAMBDA',
      functionArn: MAPPED_ARN,
      maximumTimeout: 700,
    });
  });

  it('falls back to the default function for a LAMBDA item built without an arn', () => {
    expect(plan({ name: 'deploy' }, [{ jobName: 'deploy', tags: [], type: 'LAMBDA' }])).toMatchObject({
      functionArn: DEFAULT_ARN,
      source: 'mapping',
    });
  });

  it.each([
    [3600, undefined, LAMBDA_MAXIMUM_TIMEOUT_SECONDS],
    [60, undefined, GITLAB_MINIMUM_TIMEOUT_SECONDS],
    [undefined, 720, 720],
    [undefined, 9999, LAMBDA_MAXIMUM_TIMEOUT_SECONDS],
    [undefined, undefined, LAMBDA_MAXIMUM_TIMEOUT_SECONDS],
  ])(
    'keeps a Lambda timeout (item %s, default %s) within GitLab and Lambda limits: %s',
    (item, fallback, expected) => {
      const items = [lambda('deploy', [], item === undefined ? {} : { maximumTimeout: item })];
      const planDefaults =
        fallback === undefined ? defaults : { ...defaults, lambdaMaximumTimeout: fallback };
      expect(plan({ name: 'deploy' }, items, planDefaults).maximumTimeout).toBe(expected);
    },
  );

  it('keeps the default runner timeout within the Lambda limit', () => {
    expect(plan({ name: 'x' }, [], { ...defaults, lambdaMaximumTimeout: 720 }).maximumTimeout).toBe(720);
    expect(plan({ name: 'x' }, [], { ...defaults, lambdaMaximumTimeout: 3600 }).maximumTimeout).toBe(
      LAMBDA_MAXIMUM_TIMEOUT_SECONDS,
    );
  });

  it('passes the EC2 settings that are set and leaves the rest to the stack', () => {
    const item = ec2('image', ['docker'], {
      instanceTypes: ['m7i.large'],
      executor: 'docker',
      maximumTimeout: 7200,
    });
    expect(plan({ name: 'image', tags: ['docker'] }, [item])).toEqual({
      kind: 'EC2',
      ec2: { instanceTypes: ['m7i.large'], executor: 'docker' },
      tags: ['docker'],
      runUntagged: false,
      maximumTimeout: 7200,
      source: 'mapping',
      tagsFromApi: true,
    });
  });

  it('gives an EC2 runner the stack default timeout, never below the GitLab minimum', () => {
    expect(plan({ name: 'image' }, [ec2('image', [])]).maximumTimeout).toBe(
      EC2_DEFAULT_MAXIMUM_TIMEOUT_SECONDS,
    );
    expect(
      plan({ name: 'image' }, [ec2('image', [])], { ...defaults, ec2MaximumTimeout: 1800 }).maximumTimeout,
    ).toBe(1800);
    expect(plan({ name: 'image' }, [ec2('image', [], { maximumTimeout: 10 })]).maximumTimeout).toBe(
      GITLAB_MINIMUM_TIMEOUT_SECONDS,
    );
  });
});

describe('planRunner on the docs/mapping.md examples', () => {
  const items = [ec2('docker-build', ['docker']), ec2('docker-build', ['arm64', 'docker'])];

  it.each([
    [['docker'], 'mapping', ['docker']],
    [['Docker', 'ARM64'], 'mapping', ['arm64', 'docker']],
    [['arm64'], 'mapping', ['arm64', 'docker']],
    [['docker', 'gpu'], 'default', ['docker', 'gpu']],
    [[], 'default', []],
    [undefined, 'mapping', ['docker']],
  ])('job tags %j: %s plan with tags %j', (tags, source, planTags) => {
    const job = tags === undefined ? { name: 'docker-build' } : { name: 'docker-build', tags };
    expect(plan(job, items)).toMatchObject({ source, tags: planTags });
  });
});
