import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type LoggerPort, silentLogger } from '@glr/core';
import { callAwsJson } from '../aws/aws-json.ts';
import type { Ec2Launch, Ec2Observer } from '../aws/ec2-proxy-route.ts';
import { callEc2 } from '../aws/ec2-query.ts';
import { writeRunnerConfig } from './runner-config.ts';

/** A local "instance": the runner process standing in for an EC2 runner. */
export interface LocalInstance {
  readonly instanceId: string;
  readonly runnerName: string;
  readonly instanceType: string;
  readonly subnetId: string;
  readonly market: 'spot' | 'on-demand';
  readonly launchedAt: Date;
  state: 'booting' | 'running' | 'terminated';
  executor?: string;
  terminatedAt?: Date;
  /** Why the instance ended: the runner exited (with its code), or the control plane terminated it. */
  endReason?: string;
}

/** Options of {@link LocalEc2Host}. */
export interface LocalEc2HostOptions {
  /** moto server, which holds the instances and the token parameters. */
  readonly motoEndpoint: string;
  readonly region: string;
  /** The stack's parameter path (`/gitlabrunner/`): tokens are at `<path>runner-tokens/<instance id>`. */
  readonly parameterPath: string;
  /** Where each instance gets its work dir (`<workRoot>/<instance id>`). */
  readonly workRoot: string;
  /** The `gitlab-runner`-compatible executable (see `resolveRunnerCommand`). */
  readonly runnerCommand: string;
  /** How long a booting instance waits for its token parameter, in ms (default 30 s). */
  readonly tokenWaitMs?: number;
  readonly logger?: LoggerPort;
}

interface Bootstrap {
  readonly url: string;
  readonly token: string;
  readonly runnerName: string;
  readonly executor: string;
  readonly waitTimeoutSeconds: number;
}

/**
 * Plays the part of EC2 and the runner AMI for the local stack: each instance the control plane
 * launches (seen through the EC2 proxy) "boots" as a runner process in its own work dir: it reads
 * and deletes its token parameter like the AMI's bootstrap, runs one job, and "powers off"
 * (terminates itself in moto). An instance the control plane terminates has its process stopped.
 */
export class LocalEc2Host implements Ec2Observer {
  readonly #options: LocalEc2HostOptions;
  readonly #logger: LoggerPort;
  readonly #instances = new Map<string, LocalInstance>();
  readonly #processes = new Map<string, ChildProcess>();
  readonly #boots = new Set<Promise<void>>();
  /** Set by {@link stop}: a boot still in progress then starts no runner process. */
  #stopping = false;

  public constructor(options: LocalEc2HostOptions) {
    this.#options = options;
    this.#logger = options.logger ?? silentLogger;
  }

  /** Every instance launched so far. */
  public get instances(): readonly LocalInstance[] {
    return [...this.#instances.values()];
  }

  public launched(launch: Ec2Launch): void {
    const instance: LocalInstance = {
      instanceId: launch.instanceId,
      runnerName: launch.tags['glr:runner'] ?? launch.instanceId,
      instanceType: launch.instanceType,
      subnetId: launch.subnetId,
      market: launch.market,
      launchedAt: new Date(),
      state: 'booting',
    };
    this.#instances.set(launch.instanceId, instance);
    this.#logger.info('EC2 runner instance would be launched; running it locally', {
      instanceId: launch.instanceId,
      runnerName: instance.runnerName,
      instanceType: launch.instanceType,
      subnetId: launch.subnetId,
      market: launch.market,
      launchTemplateId: launch.launchTemplateId,
    });
    const boot = this.#boot(instance)
      .catch((error: unknown) => {
        if (this.#stopping) return;
        this.#logger.error('local EC2 runner failed to boot', {
          instanceId: instance.instanceId,
          error: error instanceof Error ? error.name : 'Error',
        });
        return this.#powerOff(instance, 'boot failed');
      })
      .finally(() => this.#boots.delete(boot));
    this.#boots.add(boot);
  }

  public terminated(instanceIds: readonly string[]): void {
    for (const instanceId of instanceIds) {
      const instance = this.#instances.get(instanceId);
      if (!instance || instance.state === 'terminated') continue;
      this.#markTerminated(instance, 'terminated by the control plane');
      this.#processes.get(instanceId)?.kill('SIGTERM');
    }
  }

  /** Stops every runner process and waits for boots in progress, which start no new process. */
  public async stop(): Promise<void> {
    this.#stopping = true;
    for (const child of this.#processes.values()) child.kill('SIGTERM');
    await Promise.allSettled([...this.#boots]);
  }

  async #boot(instance: LocalInstance): Promise<void> {
    const bootstrap = await this.#takeToken(instance.instanceId);
    if (instance.state === 'terminated' || this.#stopping) return;
    const dir = join(this.#options.workRoot, instance.instanceId);
    await mkdir(join(dir, 'builds'), { recursive: true });
    const configPath = join(dir, 'config.toml');
    await writeRunnerConfig(configPath, {
      name: bootstrap.runnerName,
      url: bootstrap.url,
      token: bootstrap.token,
      buildsDir: join(dir, 'builds'),
    });
    instance.executor = bootstrap.executor;
    if (bootstrap.executor !== 'shell') {
      this.#logger.info('local EC2 runners use the shell executor', {
        instanceId: instance.instanceId,
        executor: bootstrap.executor,
      });
    }
    const log = createWriteStream(join(dir, 'runner.log'));
    const args = [
      'run-single',
      '--config',
      configPath,
      '--runner',
      bootstrap.runnerName,
      '--max-builds',
      '1',
    ];
    const child = spawn(
      this.#options.runnerCommand,
      [...args, '--wait-timeout', String(bootstrap.waitTimeoutSeconds)],
      {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    this.#processes.set(instance.instanceId, child);
    instance.state = 'running';
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', (exitCode) => resolve(exitCode));
      child.once('error', () => resolve(null));
    });
    this.#processes.delete(instance.instanceId);
    await this.#powerOff(instance, `runner exited with code ${code ?? 'none'}`);
  }

  /** Reads and deletes the instance's token parameter, as the AMI's bootstrap does. */
  async #takeToken(instanceId: string): Promise<Bootstrap> {
    const name = `${this.#options.parameterPath}runner-tokens/${instanceId}`;
    const ssm = (operation: string, body: Record<string, unknown>) =>
      callAwsJson<{ Parameter?: { Value?: string } }>({
        endpoint: this.#options.motoEndpoint,
        region: this.#options.region,
        service: 'ssm',
        target: `AmazonSSM.${operation}`,
        body,
      });
    const deadline = Date.now() + (this.#options.tokenWaitMs ?? 30_000);
    for (;;) {
      try {
        const { Parameter } = await ssm('GetParameter', { Name: name, WithDecryption: true });
        await ssm('DeleteParameter', { Name: name });
        return JSON.parse(Parameter?.Value ?? '') as Bootstrap;
      } catch (error) {
        const waitLonger = error instanceof Error && error.name === 'ParameterNotFound';
        if (!waitLonger || this.#stopping || Date.now() > deadline) throw error;
        await sleep(200);
      }
    }
  }

  async #powerOff(instance: LocalInstance, reason: string): Promise<void> {
    if (instance.state === 'terminated') return;
    try {
      await callEc2(this.#options.motoEndpoint, this.#options.region, 'TerminateInstances', {
        'InstanceId.1': instance.instanceId,
      });
    } finally {
      this.#markTerminated(instance, reason);
    }
  }

  #markTerminated(instance: LocalInstance, reason: string): void {
    instance.state = 'terminated';
    instance.terminatedAt = new Date();
    instance.endReason = reason;
    this.#logger.info('local EC2 runner instance terminated', { instanceId: instance.instanceId, reason });
  }
}
