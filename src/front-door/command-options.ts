// What a user chooses for one command, whichever front door they use: action inputs and CLI
// flags both become these (the action's `timeout` is the CLI's `--timeout`, and so on).

export interface CommandOptions {
  /** Key under `environments:`; undefined lets the config's only environment be chosen. */
  readonly environment: string | undefined;
  /** Extra tester CIDRs ('' for blank lines), validated later with the config's testers. */
  readonly allowlist: readonly string[];
  readonly reason: string | undefined;
  /** enter's planned end (#11), as given; checked with the command. */
  readonly duration: string | undefined;
  readonly until: string | undefined;
  readonly dryRun: boolean;
  /** Budget for the command's AWS work, in milliseconds. */
  readonly timeoutMs: number;
  /** The probe: true, false, or undefined (empty: on when the environment has a url). */
  readonly probe: boolean | undefined;
  readonly probeTimeoutMs: number;
  readonly verify: boolean;
  /** Set when a bypass token is asked for: how long the token lives (milliseconds). */
  readonly bypassTtlMs: number | undefined;
  /** At exit, the longest wait for the window's last minutes in CloudWatch. */
  readonly metricsWaitMs: number;
}
