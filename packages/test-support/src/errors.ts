/** Root of every error the test helpers throw. */
export class TestSupportError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TestSupportError';
  }
}

/** An emulator (moto server) did not start or did not answer in time; the message has its stderr. */
export class EmulatorStartError extends TestSupportError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'EmulatorStartError';
  }
}
