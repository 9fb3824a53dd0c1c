// Multi-line list inputs: one entry per line; blank lines and `#` comments are ignored.

export function parseListInput(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line.length > 0);
}
