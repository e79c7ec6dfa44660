import { createInterface } from 'node:readline/promises';

/** Asks a yes/no question on a terminal; only `y` or `yes` count as yes. */
export const confirm = async (
  question: string,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<boolean> => {
  const prompt = createInterface({ input, output, terminal: false });
  try {
    const answer = await prompt.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
};
