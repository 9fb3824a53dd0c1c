// What Node reads of a bundle before its entry runs: the entry and the chunks it imports
// statically (esbuild's code splitting); chunks behind `await import()` are read only when needed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A static import of a sibling chunk in esbuild's output: `import{a as b}from"./chunk-X.js"`. */
const CHUNK_IMPORT = /\bimport\s*(?:[\w$*{},\s]+?from\s*)?["'](\.\/[\w.-]+\.js)["']/g;

/** The entry's file and every chunk it imports statically, directly or not, with their text. */
export function startupFiles(dir: string, entry = 'index.js'): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (name: string): void => {
    if (files.has(name)) return;
    const text = readFileSync(join(dir, name), 'utf8');
    files.set(name, text);
    for (const [, chunk] of text.matchAll(CHUNK_IMPORT)) visit(chunk!.slice(2));
  };
  visit(entry);
  return files;
}

/** Bytes Node reads before the entry runs. */
export function startupBytes(dir: string, entry = 'index.js'): number {
  return [...startupFiles(dir, entry).values()].reduce(
    (sum, text) => sum + Buffer.byteLength(text),
    0,
  );
}
