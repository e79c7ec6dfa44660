import { readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '@cdktf/hcl2json';
import { beforeAll, describe, expect, it } from 'vitest';

// No Packer that reads this template is installable here (see README, "Checking the template"), so the
// template is parsed with HashiCorp's HCL parser (compiled to WebAssembly) and checked for structure.

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (file: string): string => readFileSync(`${root}/${file}`, 'utf8');

type Block = Record<string, unknown>;
interface Template {
  packer: Block[];
  variable: Record<string, Block[]>;
  locals: Block[];
  source: { 'amazon-ebs': Record<string, Block[]> };
  build: Block[];
}

let template: Template;
beforeAll(async () => {
  template = (await parse('runner.pkr.hcl', read('runner.pkr.hcl'))) as Template;
});

const source = (name: string): Block => {
  const block = template.source['amazon-ebs'][name]?.[0];
  if (block === undefined) throw new Error(`no amazon-ebs source ${name}`);
  return block;
};
const firstOf = (value: unknown): Block => (value as Block[])[0] ?? {};
const build = (): Block => template.build[0] ?? {};
const provisioners = (type: string): Block[] =>
  ((build().provisioner as Block)[type] as Block[] | undefined) ?? [];

describe('runner.pkr.hcl', () => {
  it('pins the amazon plugin', () => {
    const plugins = firstOf(firstOf(template.packer).required_plugins);
    expect(plugins.amazon).toMatchObject({ source: 'github.com/hashicorp/amazon' });
  });

  it('declares the variables the README documents', () => {
    expect(Object.keys(template.variable)).toEqual(
      expect.arrayContaining([
        'region',
        'subnet_id',
        'instance_type_x86_64',
        'instance_type_arm64',
        'gitlab_runner_version',
        'gitlab_runner_sha256',
        'default_docker_image',
        'prepull_images',
        'volume_size_gib',
        'source_ami_owner',
        'ami_id_parameter_prefix',
      ]),
    );
    expect(template.variable.gitlab_runner_sha256?.[0]).not.toHaveProperty('default');
    expect(template.variable.region?.[0]).not.toHaveProperty('default');
  });

  it.each([
    ['x86_64', 'x86_64'],
    ['arm64', 'arm64'],
  ])('builds %s from the newest Amazon Linux 2023 image for that architecture', (name, architecture) => {
    const filter = firstOf(source(name).source_ami_filter);
    expect(filter.most_recent).toBe(true);
    expect(filter.filters).toMatchObject({ architecture, name: `\${var.source_ami_name_${name}}` });
    expect(template.variable[`source_ami_name_${name}`]?.[0]?.default).toBe(
      `al2023-ami-2023.*-kernel-*-${name}`,
    );
    expect(source(name).instance_type).toBe(`\${var.instance_type_${name}}`);
  });

  it.each(['x86_64', 'arm64'])(
    'registers the %s AMI for IMDSv2 only and builds with one metadata hop',
    (name) => {
      expect(source(name).imds_support).toBe('v2.0');
      expect(firstOf(source(name).metadata_options)).toEqual({
        http_endpoint: 'enabled',
        http_tokens: 'required',
        http_put_response_hop_limit: 1,
      });
    },
  );

  it('builds both sources', () => {
    expect(build().sources).toEqual(['source.amazon-ebs.x86_64', 'source.amazon-ebs.arm64']);
  });

  it('uploads every file of files/ that provision.sh installs', () => {
    const uploaded = ((provisioners('file')[0]?.sources ?? []) as string[]).map((path) => basename(path));
    expect(uploaded.sort()).toEqual(readdirSync(`${root}/files`).sort());
    const provision = read('provision.sh');
    for (const file of uploaded) expect(provision).toContain(`$GLR_FILES_DIR/${file}`);
  });

  it('passes provision.sh every setting it requires', () => {
    const required = [...read('provision.sh').matchAll(/^require (\w+) /gm)].map((match) => match[1]);
    const shell = provisioners('shell').find((block) => block.script !== undefined);
    expect(shell?.script).toBe('${path.root}/provision.sh');
    expect(shell?.environment_vars).toBe('${local.provision_environment}');
    const passed = (firstOf(template.locals).provision_environment as string[]).map(
      (entry) => entry.split('=')[0],
    );
    expect(required.length).toBeGreaterThan(0);
    expect(passed).toEqual(expect.arrayContaining(required));
  });

  it('writes the manifest and publishes each AMI id with publish-ami-id.sh', () => {
    const chain = firstOf(build()['post-processors']);
    expect(firstOf((chain['post-processor'] as Block).manifest).output).toBe('${path.root}/manifest.json');
    const inline = firstOf((chain['post-processor'] as Block)['shell-local']).inline as string[];
    expect(inline.join('\n')).toContain("bash '${path.root}/publish-ami-id.sh' '${path.root}/manifest.json'");
  });
});

describe('provision.sh and glr-bootstrap.service', () => {
  it('installs the bootstrap where the unit starts it', () => {
    const unit = read('files/glr-bootstrap.service');
    const execStart = /^ExecStart=(\S+)$/m.exec(unit)?.[1];
    expect(read('provision.sh')).toContain(`"$GLR_FILES_DIR/glr-bootstrap.sh" ${execStart}`);
  });

  it('reads the per-instance settings the user data writes, and is never enabled at boot', () => {
    const unit = read('files/glr-bootstrap.service');
    expect(unit).toMatch(/^EnvironmentFile=\/run\/glr\/bootstrap\.env$/m);
    expect(unit).toMatch(/^Restart=no$/m);
    expect(unit).not.toContain('[Install]');
  });

  it('disables and masks the packaged gitlab-runner service', () => {
    const provision = read('provision.sh');
    expect(provision).toContain('systemctl disable --now gitlab-runner.service');
    expect(provision).toContain('systemctl mask gitlab-runner.service');
  });

  it('checks the pinned SHA-256 before installing gitlab-runner', () => {
    const provision = read('provision.sh');
    expect(provision.indexOf('sha256sum --check --strict')).toBeGreaterThan(-1);
    expect(provision.indexOf('sha256sum --check --strict')).toBeLessThan(
      provision.indexOf('dnf -y install "$work/'),
    );
  });
});
