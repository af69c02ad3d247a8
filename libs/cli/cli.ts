/** Where a command-line tool reads its environment and writes; process's own in production, buffers in tests. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

/**
 * One line that says what failed, never a stack trace: an operator reads it in a terminal or a
 * cron mail. Some failures carry no message of their own (a rejection without a reason, or the
 * AggregateError of a connection refused on every address of a host name).
 */
export function failureLine(error: unknown): string {
  if (error instanceof AggregateError && !error.message) {
    const inner = error.errors.map((e) => failureLine(e)).filter((line, i, all) => all.indexOf(line) === i);
    if (inner.length) return inner.join('; ');
  }
  if (error instanceof Error) {
    const first = error.message.trim().split('\n')[0];
    return first || (error as NodeJS.ErrnoException).code || error.name;
  }
  if (error === undefined || error === null || error === '') return 'failed without a reason';
  return String(error).trim().split('\n')[0];
}

/**
 * The entry of a CLI's main.ts: runs it on the process and exits with its code once stdout has
 * taken everything written (an exit right away can cut a piped export short).
 */
export function runCli(run: (argv: string[], io: CliIo) => Promise<number>): void {
  const io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env };
  run(process.argv.slice(2), io).then(
    (code) => process.stdout.write('', () => process.exit(code)),
    (error) => {
      process.stderr.write(`${failureLine(error)}\n`);
      process.exit(1);
    },
  );
}
