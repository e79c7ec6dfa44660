/** Root of every error the template reader throws. */
export class CfnTemplateError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CfnTemplateError';
  }
}

/** The YAML parsed, but it is not a CloudFormation / SAM template (no `Resources` section). */
export class NotATemplateError extends CfnTemplateError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'NotATemplateError';
  }
}
