// Multi-line list inputs: one entry per line; `#` starts a comment. Blank (and comment-only)
// lines stay as '' so that entry numbers in messages are line numbers; consumers skip them.

export function inputLines(text: string): string[] {
  const lines = text.replace(/\r?\n$/, '').split(/\r?\n/);
  return lines.map((line) => line.replace(/#.*$/, '').trim());
}
