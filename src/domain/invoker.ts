// Who runs a command: the GitHub actor and run, or user@host and `cli@host` from the CLI. The
// window record keeps the invoker that started a window; reports name the one that ran.

export interface Invoker {
  /** The GitHub actor, or user@host from the CLI. */
  readonly actor: string;
  /** `owner/repo/actions/runs/123`, or `cli@host`. */
  readonly run: string;
}
