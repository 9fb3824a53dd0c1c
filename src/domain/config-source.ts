// The config file as a YAML document that remembers where every value came from, so each
// problem can name its line, column and field.
import {
  LineCounter,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type Alias,
  type Document,
  type Node,
  type Pair,
  type YAMLError,
  type YAMLMap,
} from 'yaml';
import { clipValue, type Problem } from './errors.js';
import type { LocatedProblem } from './config-scope.js';
import { errorMessage } from './error-message.js';

/** A field inside the document: map keys and list indices, e.g. `['testers', 0, 'cidrs', 1]`. */
export type FieldPath = readonly (string | number)[];

interface Located {
  /** The key of the last map entry on the path, when the path ends in a map entry. */
  readonly key?: Node | undefined;
  readonly value?: Node | undefined;
}

const PLAIN_KEY = /^[A-Za-z_][\w-]*$/;

/** `testers[0].cidrs[1]`, `environments.production.scope`, `environments["my env"]`. */
export function fieldText(path: FieldPath): string {
  return path
    .map((segment, i) => {
      if (typeof segment === 'number') return `[${segment}]`;
      if (!PLAIN_KEY.test(segment)) return `[${JSON.stringify(segment)}]`;
      return i === 0 ? segment : `.${segment}`;
    })
    .join('');
}

function keyText(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

export class ConfigSource {
  readonly document: Document.Parsed;
  /** The document as plain data (for duplicate keys, the last one wins, as in `toJS`). */
  readonly data: unknown;
  /** Where each line starts, counted when a problem needs a line number (most reads need none). */
  private lineIndex: LineCounter | undefined;
  /** Problems found turning the document into data (aliases), which yaml reports without a place. */
  private readonly loadProblems: Problem[] = [];
  /** Repeated keys, each with where it first appeared. */
  private readonly duplicates: LocatedProblem[];
  /** Each map's entries by key (the last one for a repeated key, as in `toJS`), built when first needed. */
  private readonly mapIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

  constructor(
    readonly text: string,
    readonly file: string,
  ) {
    // yaml's own duplicate-key check compares each key with every earlier one (quadratic in a
    // map's size); duplicates are found below in one pass instead.
    this.document = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
    this.duplicates = this.findDuplicateKeys(this.document.contents);
    this.data = this.load();
  }

  private get lines(): LineCounter {
    this.lineIndex ??= countLines(this.text);
    return this.lineIndex;
  }

  /** A problem at `path`. Points at the key for collections (the line a reader looks for), else at the value. */
  problem(path: FieldPath, message: string, value?: unknown): Problem {
    return this.problemAt(this.offsetOf(path), message, path, value);
  }

  /** A problem with the key itself (e.g. an unknown key), at the key rather than its value. */
  keyProblem(path: FieldPath, message: string, value?: unknown): Problem {
    const { key } = this.locate(path);
    return this.problemAt(key?.range?.[0] ?? this.offsetOf(path), message, path, value);
  }

  /**
   * YAML syntax problems. `fatal` is false when every error is a duplicate key: the document
   * is still usable (the last key wins) and validation can go on to find more problems.
   */
  syntaxProblems(): { problems: LocatedProblem[]; fatal: boolean } {
    // yaml reports an over-indented line twice, at the line above it: one problem, at the line.
    const seen = new Set<string>();
    const syntax = this.document.errors
      .map((error) => this.syntaxProblem(error))
      .filter(({ problem }) => {
        const key = `${problem.line}:${problem.column}:${problem.message}`;
        return !seen.has(key) && seen.add(key);
      });
    const problems = [
      ...syntax,
      ...this.duplicates,
      ...this.loadProblems.map((problem) => ({ problem })),
    ];
    const fatal = this.loadProblems.length > 0 || this.document.errors.length > 0;
    return { problems, fatal };
  }

  /** Line (1-based) of the value at `path`, for messages such as "first defined on line 3". */
  lineOf(path: FieldPath): number {
    return this.lines.linePos(this.offsetOf(path)).line;
  }

  private offsetOf(path: FieldPath): number {
    const { key, value } = this.locate(path);
    const target = value && isScalar(value) && value.value !== null ? value : (key ?? value);
    return target?.range?.[0] ?? 0;
  }

  private problemAt(offset: number, message: string, path?: FieldPath, value?: unknown): Problem {
    const { line, col } = this.lines.linePos(offset);
    return {
      file: this.file,
      line,
      column: col,
      ...(path && path.length > 0 ? { field: fieldText(path) } : {}),
      message,
      ...(value !== undefined ? { value: clipValue(value) } : {}),
    };
  }

  /** Walks the document; where a key repeats, takes the last entry, like `toJS` does. */
  private locate(path: FieldPath): Located {
    let located: Located = { value: this.document.contents ?? undefined };
    for (const segment of path) {
      const node = located.value;
      if (isMap(node)) {
        const pair = this.entries(node).get(String(segment));
        if (!pair) return located;
        located = { key: pair.key as Node, value: (pair.value as Node | null) ?? undefined };
      } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
        located = { value: node.items[segment] as Node };
      } else {
        return located;
      }
    }
    return located;
  }

  /** The document as data; on an alias problem, records where it is and what to do instead. */
  private load(): unknown {
    try {
      return this.document.toJS();
    } catch (error) {
      this.loadProblems.push(this.aliasProblem(error));
      return undefined;
    }
  }

  private aliasProblem(error: unknown): Problem {
    const aliases: Alias[] = [];
    visit(this.document, {
      Alias: (_key, node) => {
        aliases.push(node);
      },
    });
    const unresolved = aliases.find((alias) => alias.resolve(this.document) === undefined);
    if (unresolved) {
      return this.problemAt(
        unresolved.range?.[0] ?? 0,
        `alias '*${unresolved.source}' refers to no anchor: define '&${unresolved.source}' above it, or write the value out`,
        undefined,
        `*${unresolved.source}`,
      );
    }
    const why = errorMessage(error);
    const first = aliases[0];
    const problem = /alias count/i.test(why)
      ? 'YAML aliases (*name) expand to too many values (yaml refuses this as a resource-exhaustion attack); write the values out instead of reusing anchors'
      : `YAML could not be read (${why}); make the file one plain YAML document`;
    return first
      ? this.problemAt(first.range?.[0] ?? 0, problem)
      : { file: this.file, message: problem };
  }

  private syntaxProblem(error: YAMLError): LocatedProblem {
    const offset = error.pos[0];
    if (error.code === 'MULTIPLE_DOCS') {
      const problem = this.problemAt(
        offset,
        "a second YAML document starts here ('---'); the config is one document: remove this line and keep everything in the first",
        undefined,
        '---',
      );
      return { problem };
    }
    const { line } = this.lines.linePos(offset);
    const deeper =
      error.code === 'BLOCK_AS_IMPLICIT_KEY' || error.code === 'MULTILINE_IMPLICIT_KEY'
        ? this.overIndentedLineAfter(line)
        : undefined;
    if (deeper !== undefined) {
      const above = this.lineText(line) ?? '';
      const problem = this.problemAt(
        this.lines.lineStarts[deeper - 1]! + this.indentOf(deeper),
        `YAML: this line is indented deeper than '${above}' on line ${line}, which already has a value; indent it like the key it belongs with`,
        undefined,
        this.lineText(deeper),
      );
      return { problem };
    }
    return {
      problem: this.problemAt(
        offset,
        `YAML syntax error: ${error.message}`,
        undefined,
        this.lineText(line),
      ),
    };
  }

  private indentOf(line: number): number {
    const text = this.rawLine(line);
    return text.length - text.trimStart().length;
  }

  private rawLine(line: number): string {
    const starts = this.lines.lineStarts;
    return this.text
      .slice(starts[line - 1] ?? 0, starts[line] ?? this.text.length)
      .replace(/\r?\n$/, '');
  }

  /** The first line with content after `line` that is indented deeper than it, if it is the next one. */
  private overIndentedLineAfter(line: number): number | undefined {
    const last = this.lines.lineStarts.length;
    for (let next = line + 1; next <= last; next++) {
      const text = this.rawLine(next).trim();
      if (text === '' || text.startsWith('#')) continue;
      return this.indentOf(next) > this.indentOf(line) ? next : undefined;
    }
    return undefined;
  }

  /** Line `line` (1-based) of the file, trimmed; undefined when blank. */
  private lineText(line: number): string | undefined {
    const starts = this.lines.lineStarts;
    const text = this.text.slice(starts[line - 1] ?? 0, starts[line] ?? this.text.length);
    return text.trim() || undefined;
  }

  private entries(map: YAMLMap): Map<string, Pair> {
    let index = this.mapIndex.get(map);
    if (!index) {
      index = new Map();
      for (const pair of map.items) {
        const key = keyText(pair);
        if (key !== undefined) index.set(key, pair);
      }
      this.mapIndex.set(map, index);
    }
    return index;
  }

  /** Every repeated key in the document, in one walk: the first occurrence wins the "first defined". */
  private findDuplicateKeys(root: unknown): LocatedProblem[] {
    const found: LocatedProblem[] = [];
    // The path to the node being walked, extended and shortened in place (a 20,000-item list
    // would otherwise make 20,000 path arrays that are needed only for a duplicate).
    const path: (string | number)[] = [];
    const walk = (node: unknown): void => {
      if (isMap(node)) {
        const first = new Map<string, Pair>();
        for (const pair of node.items) {
          const key = keyText(pair);
          if (key === undefined) continue;
          const earlier = first.get(key);
          if (earlier) found.push(this.duplicateKey(pair, earlier, [...path, key]));
          else first.set(key, pair);
          path.push(key);
          walk(pair.value);
          path.pop();
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, i) => {
          path.push(i);
          walk(item);
          path.pop();
        });
      }
    };
    walk(root);
    return found;
  }

  private duplicateKey(pair: Pair, earlier: Pair, at: FieldPath): LocatedProblem {
    const key = String(at[at.length - 1]);
    const line = this.lines.linePos((earlier.key as Node).range?.[0] ?? 0).line;
    const problem = this.problemAt(
      (pair.key as Node).range?.[0] ?? 0,
      `duplicate key '${key}' (first defined on line ${line}); each key may appear once`,
      at,
      key,
    );
    return { problem, path: at };
  }
}

/**
 * The offset where each line starts, as yaml's LineCounter records them while parsing (a line
 * ends at '\n'; a lone '\r' does not end one, as in yaml's lexer), counted after the fact.
 */
export function countLines(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
  return lines;
}
