import type { LocalStack } from '../stack/start-local-stack.ts';

/** The start-up banner: where everything is and how to start a pipeline. */
export const banner = (stack: LocalStack, rootDir: string): string[] => {
  const lines = [
    'GitLab ephemeral runners: local stack',
    `  webhook      ${stack.webhookUrl}`,
    `  state        ${stack.url}/local/state`,
    `  GitLab       ${stack.gitlab.url} (${stack.gitlab.kind === 'fake' ? 'bundled fake GitLab' : 'real GitLab'}, ${stack.gitlab.tokenMode})`,
    `  DynamoDB     ${stack.dynamoDbEndpoint} (dynalite)`,
    `  runners      ${stack.runnerCommand.path} (${stack.runnerCommand.source})`,
    `  work dirs    ${stack.dataDir}`,
  ];
  if (stack.gitlab.kind === 'fake') {
    lines.push(
      '',
      'Start a pipeline on the fake GitLab:',
      `  node ${rootDir}/packages/fake-gitlab/src/cli.ts pipeline --url ${stack.gitlab.url} --project 42 --file ${rootDir}/packages/local/examples/pipeline.yml`,
      `  curl -X POST --data-binary @packages/local/examples/pipeline.yml ${stack.gitlab.url}/fake/projects/42/pipelines`,
    );
  } else {
    lines.push(
      '',
      `Point the project webhook (Job events) at ${stack.webhookUrl} through a tunnel (see packages/local/README.md).`,
    );
  }
  lines.push('', 'Ctrl-C stops everything.');
  return lines;
};
