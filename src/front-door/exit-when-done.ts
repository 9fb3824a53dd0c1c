// A command's process ends once its report is out. The AWS SDK's waits between retries, cut short
// when a command's deadline fires (src/aws/client.ts), leave their timers running (up to 20 s),
// and those must not hold the step or the CLI open after it has said everything.

/** Exits with `process.exitCode` once everything written to stdout and stderr is flushed. */
export function exitWhenDone(): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit()));
}
