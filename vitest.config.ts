import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      '{packages/*,Infrastructure,AutoScaler,LambdaShellRunner,HelperScripts,bench,ami-preparation,scripts}/tests/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // No test may reach AWS: dummy credentials, a fixed region, and no instance metadata lookups.
    env: {
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_EC2_METADATA_DISABLED: 'true',
      POWERTOOLS_DEV: 'false',
      POWERTOOLS_METRICS_NAMESPACE: 'GitLabRunners',
      POWERTOOLS_SERVICE_NAME: 'glr-test',
      POWERTOOLS_TRACE_ENABLED: 'false',
    },
  },
});
