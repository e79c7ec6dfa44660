/** The local endpoints every AWS SDK client of this process must use. */
export interface LocalAwsEndpoints {
  readonly region: string;
  /** dynalite. */
  readonly dynamodb: string;
  /** moto server: SSM, and every service without a local endpoint of its own. */
  readonly moto: string;
  /** The local AWS endpoint: Lambda Invoke, EventBridge PutEvents, Step Functions StartExecution, EC2 (proxied to moto). */
  readonly local: string;
}

/**
 * The environment that points the unchanged handlers' SDK clients at the local endpoints
 * (`AWS_ENDPOINT_URL_<SERVICE>`, honoured by SDK v3), with placeholder credentials so nothing can
 * reach AWS, and tracing and metrics flushing off. `AWS_ENDPOINT_URL` sends any other service to
 * moto rather than to AWS.
 */
export const localAwsEnvironment = (endpoints: LocalAwsEndpoints): Record<string, string> => ({
  AWS_REGION: endpoints.region,
  AWS_DEFAULT_REGION: endpoints.region,
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_SESSION_TOKEN: 'local',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_ENDPOINT_URL: endpoints.moto,
  AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
  AWS_ENDPOINT_URL_SSM: endpoints.moto,
  AWS_ENDPOINT_URL_LAMBDA: endpoints.local,
  AWS_ENDPOINT_URL_EVENTBRIDGE: endpoints.local,
  AWS_ENDPOINT_URL_EC2: endpoints.local,
  AWS_ENDPOINT_URL_SFN: endpoints.local,
  POWERTOOLS_TRACE_ENABLED: 'false',
  POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
  POWERTOOLS_METRICS_DISABLED: 'true',
});
