// Text read from AWS (set descriptions, error messages) may have been written by anyone with
// access to the account. Printed raw into a workflow log, a line starting with `::` is a workflow
// command (`::error::`, `::stop-commands::`, `::add-mask::`). WAF descriptions allow newlines and
// colons, so a description can carry one.

const LINE_BREAKS = /[\r\n\u2028\u2029\u0085]+/g;
/** Invisible, and not whitespace to the runner: `:\u200b:` no longer starts a command. */
const COMMAND_MARKER = /::/g;

/**
 * One line, with every `::` broken by a zero-width space, so the text can start no workflow
 * command wherever it is printed (and `%`-escapes cannot join it to the next line).
 */
export function neutralizeWorkflowCommands(text: string): string {
  return text
    .replace(LINE_BREAKS, ' ')
    .replace(COMMAND_MARKER, ':\u200b:')
    .replace(/%/g, '%\u200b');
}
