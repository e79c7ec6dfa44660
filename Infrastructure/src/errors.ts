/** Root of every error the Infrastructure stack's functions throw. */
export class InfrastructureError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InfrastructureError';
  }
}

/** The webhook request is not authenticated: answered with 401. The message never holds a secret. */
export class WebhookUnauthorizedError extends InfrastructureError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'WebhookUnauthorizedError';
  }
}

/** The authenticated request's body cannot be read as a JSON object: answered 202, put nowhere. */
export class WebhookBadRequestError extends InfrastructureError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'WebhookBadRequestError';
  }
}
