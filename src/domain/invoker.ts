// Who runs a command: the GitHub actor and run, or user@host and `cli@host` from the CLI. The
// window record keeps the invoker that started a window; reports name the one that ran.

export interface Invoker {
  /** The GitHub actor, or user@host from the CLI. */
  readonly actor: string;
  /** `owner/repo/actions/runs/123`, or `cli@host`. */
  readonly run: string;
  /** The run's page (the action: GITHUB_SERVER_URL/owner/repo/actions/runs/N), for the summary. */
  readonly runUrl?: string;
  /** The workflow file this run comes from (the action), for the "how to exit" line. */
  readonly workflow?: string;
  /** The config file as given, for the CLI command in the "how to exit" line. */
  readonly configFile?: string;
}
