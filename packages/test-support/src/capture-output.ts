/** What the process printed while an {@link captureOutput} capture was on. */
export interface CapturedOutput {
  /** Everything written to stdout and stderr, in order. */
  text(): string;
  /** Every line that is a JSON object (Powertools log lines and EMF metrics), parsed. */
  records(): Record<string, unknown>[];
  /** Forgets what was captured so far. */
  clear(): void;
  /** Puts the streams' own `write` back; call it in `afterEach`/`finally`. */
  restore(): void;
}

/**
 * Captures what the process writes to stdout and stderr (a Lambda function's log and its EMF
 * metrics) without printing it, until {@link CapturedOutput.restore}.
 */
export const captureOutput = (): CapturedOutput => {
  const chunks: string[] = [];
  const streams = [process.stdout, process.stderr];
  const originals = streams.map((stream) => stream.write);
  for (const stream of streams) {
    stream.write = ((chunk: string | Uint8Array) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }) as typeof stream.write;
  }
  const text = () => chunks.join('');
  return {
    text,
    records: () =>
      text()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    clear: () => {
      chunks.length = 0;
    },
    restore: () => {
      streams.forEach((stream, index) => {
        const original = originals[index];
        if (original) stream.write = original;
      });
    },
  };
};
