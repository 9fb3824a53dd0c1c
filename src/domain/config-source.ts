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
} from 'yaml';
import { clipValue, type Problem } from './errors.js';
import type { LocatedProblem } from './config-scope.js';

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
  private readonly lines = new LineCounter();
  /** Problems found turning the document into data (aliases), which yaml reports without a place. */
  private readonly loadProblems: Problem[] = [];

  constructor(
    readonly text: string,
    readonly file: string,
  ) {
    this.document = parseDocument(text, { lineCounter: this.lines, prettyErrors: false });
    this.data = this.load();
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
    const problems = [
      ...this.document.errors.map((error) => this.syntaxProblem(error)),
      ...this.loadProblems.map((problem) => ({ problem })),
    ];
    const fatal =
      this.loadProblems.length > 0 ||
      this.document.errors.some((error) => error.code !== 'DUPLICATE_KEY');
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
        const pair = node.items.filter((item) => keyText(item) === String(segment)).pop();
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
    const why = error instanceof Error ? error.message : String(error);
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
    if (error.code === 'DUPLICATE_KEY') {
      const duplicate = this.findKeyAt(this.document.contents, [], offset);
      if (duplicate) {
        const first = this.lines.linePos(duplicate.firstOffset).line;
        const problem = this.problemAt(
          offset,
          `duplicate key '${duplicate.key}' (first defined on line ${first}); each key may appear once`,
          duplicate.path,
          duplicate.key,
        );
        return { problem, path: duplicate.path };
      }
    }
    const { line } = this.lines.linePos(offset);
    return {
      problem: this.problemAt(
        offset,
        `YAML syntax error: ${error.message}`,
        undefined,
        this.lineText(line),
      ),
    };
  }

  /** Line `line` (1-based) of the file, trimmed; undefined when blank. */
  private lineText(line: number): string | undefined {
    const starts = this.lines.lineStarts;
    const text = this.text.slice(starts[line - 1] ?? 0, starts[line] ?? this.text.length);
    return text.trim() || undefined;
  }

  /** The map entry whose key starts at `offset`, with its path and where that key first appeared. */
  private findKeyAt(
    node: unknown,
    path: FieldPath,
    offset: number,
  ): { key: string; path: FieldPath; firstOffset: number } | undefined {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = keyText(pair);
        if (key === undefined) continue;
        if ((pair.key as Node).range?.[0] === offset) {
          const first = node.items.find((item) => keyText(item) === key)!;
          return { key, path: [...path, key], firstOffset: (first.key as Node).range?.[0] ?? 0 };
        }
        const found = this.findKeyAt(pair.value, [...path, key], offset);
        if (found) return found;
      }
    } else if (isSeq(node)) {
      for (const [i, item] of node.items.entries()) {
        const found = this.findKeyAt(item, [...path, i], offset);
        if (found) return found;
      }
    }
    return undefined;
  }
}
