import { createInterface } from 'node:readline/promises';

/** Asks a yes/no question on a terminal; only `y` or `yes` count as yes, end of input as no. */
export const confirm = async (
  question: string,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<boolean> => {
  const prompt = createInterface({ input, output, terminal: false });
  try {
    const answer = await new Promise<string>((resolve) => {
      // End of input answers no; deferred so an answer on the last line still counts.
      prompt.once('close', () => setImmediate(() => resolve('')));
      prompt.question(`${question} [y/N] `).then(resolve, () => resolve(''));
    });
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
};
