import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Sandbox } from './harness/sandbox.ts';

const SCRIPT = fileURLToPath(new URL('../publish-ami-id.sh', import.meta.url));

// A manifest as Packer's manifest post-processor writes it: an older run and the last run.
const manifest = {
  builds: [
    { name: 'x86_64', packer_run_uuid: 'old-run', artifact_id: 'eu-west-1:ami-0000000000000000a' },
    { name: 'x86_64', packer_run_uuid: 'last-run', artifact_id: 'eu-west-1:ami-0123456789abcdef0' },
    { name: 'arm64', packer_run_uuid: 'last-run', artifact_id: 'eu-west-1:ami-0fedcba9876543210' },
  ],
  last_run_uuid: 'last-run',
};

async function publish(build: string, parameter: string) {
  const sandbox = new Sandbox();
  sandbox.standIn('aws', 'exit 0\n');
  const manifestFile = join(sandbox.root, 'manifest.json');
  writeFileSync(manifestFile, JSON.stringify(manifest));
  return sandbox.run(SCRIPT, [manifestFile, build, parameter], sandbox.baseEnvironment());
}

describe('publish-ami-id.sh', () => {
  it("writes the last run's AMI id of the build as an aws:ec2:image parameter", async () => {
    const run = await publish('arm64', '/gitlabrunner/ami-id/arm64');

    expect(run.exitCode).toBe(0);
    expect(run.calls.filter((call) => call.cmd === 'aws').map((call) => call.argv)).toEqual([
      [
        'ssm',
        'put-parameter',
        '--region',
        'eu-west-1',
        '--name',
        '/gitlabrunner/ami-id/arm64',
        '--type',
        'String',
        '--data-type',
        'aws:ec2:image',
        '--value',
        'ami-0fedcba9876543210',
        '--overwrite',
      ],
    ]);
  });

  it('does nothing when no parameter name is configured', async () => {
    const run = await publish('x86_64', '');

    expect(run.exitCode).toBe(0);
    expect(run.calls.filter((call) => call.cmd === 'aws')).toEqual([]);
  });

  it('fails without writing when the last run has no AMI for the build', async () => {
    const run = await publish('riscv64', '/gitlabrunner/ami-id/riscv64');

    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("no AMI for build 'riscv64'");
    expect(run.calls.filter((call) => call.cmd === 'aws')).toEqual([]);
  });
});
