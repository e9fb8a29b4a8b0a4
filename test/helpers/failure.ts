/** The exit code and message of what `run` throws; a run that throws nothing fails the test. */
export function failure(run: () => unknown): { code: number; message: string } {
  try {
    run();
  } catch (error) {
    return { code: (error as { exitCode: number }).exitCode, message: (error as Error).message };
  }
  throw new Error('expected an error');
}

/** What `promise` rejects with; a promise that resolves fails the test. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}
