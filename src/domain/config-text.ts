// A config file as a front door read it, before any check.
export interface ConfigText {
  readonly text: string;
  /** The path messages name, as the user wrote it. */
  readonly file: string;
}
