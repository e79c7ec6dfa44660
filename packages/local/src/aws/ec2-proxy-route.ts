import { type LoggerPort, silentLogger } from '@glr/core';
import type { LocalRoute } from '../http/http-server.ts';

/** An instance RunInstances launched, as the request asked for it. */
export interface Ec2Launch {
  readonly instanceId: string;
  readonly instanceType: string;
  readonly subnetId: string;
  readonly market: 'spot' | 'on-demand';
  readonly launchTemplateId: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** What the local "EC2 host" does when the control plane launches or terminates instances. */
export interface Ec2Observer {
  launched(launch: Ec2Launch): void;
  terminated(instanceIds: readonly string[]): void;
}

const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

const tagsOf = (params: URLSearchParams): Record<string, string> => {
  const tags: Record<string, string> = {};
  for (const [name, key] of params) {
    const match = /^TagSpecification\.(\d+)\.Tag\.(\d+)\.Key$/.exec(name);
    if (!match) continue;
    const value = params.get(`TagSpecification.${match[1]}.Tag.${match[2]}.Value`);
    if (value !== null) tags[key] = value;
  }
  return tags;
};

const indexedValues = (params: URLSearchParams, prefix: string): string[] =>
  [...params].filter(([name]) => name.startsWith(`${prefix}.`)).map(([, value]) => value);

/**
 * EC2's query API forwarded to moto server, which keeps the real state, while the calls that
 * start or stop machines are reported to an {@link Ec2Observer}: the local stack runs a runner
 * process where AWS would boot an instance. Point SDK clients here with `AWS_ENDPOINT_URL_EC2`.
 */
export const ec2ProxyRoute = (options: {
  readonly motoEndpoint: string;
  readonly observer: Ec2Observer;
  readonly logger?: LoggerPort;
}): LocalRoute => {
  const logger = options.logger ?? silentLogger;
  return async (request) => {
    const body = request.body.toString('utf8');
    const params = new URLSearchParams(body);
    const action = params.get('Action');
    if (request.method !== 'POST' || !action || params.get('Version') === null) return undefined;
    const headers = Object.fromEntries(
      Object.entries(request.headers)
        .filter(
          (entry): entry is [string, string] => typeof entry[1] === 'string' && !HOP_BY_HOP.has(entry[0]),
        )
        .map(([name, value]) => [name, value]),
    );
    const response = await fetch(`${options.motoEndpoint}${request.path}`, { method: 'POST', headers, body });
    const text = await response.text();
    if (response.ok && action === 'RunInstances') {
      for (const [, instanceId] of text.matchAll(/<instanceId>(i-[0-9a-f]+)<\/instanceId>/g)) {
        if (!instanceId) continue;
        options.observer.launched({
          instanceId,
          instanceType: params.get('InstanceType') ?? 'launch template default',
          subnetId: params.get('SubnetId') ?? 'launch template default',
          market: params.get('InstanceMarketOptions.MarketType') === 'spot' ? 'spot' : 'on-demand',
          launchTemplateId: params.get('LaunchTemplate.LaunchTemplateId') ?? '',
          tags: tagsOf(params),
        });
      }
    }
    if (response.ok && action === 'TerminateInstances') {
      options.observer.terminated(indexedValues(params, 'InstanceId'));
    }
    logger.debug('ec2 call', { action, status: response.status });
    return {
      status: response.status,
      headers: { 'content-type': response.headers.get('content-type') ?? 'text/xml' },
      body: text,
    };
  };
};
