// Every import of a source file, read by the TypeScript parser rather than a regular expression:
// static, re-export, side-effect (`import './x.js'`), dynamic (`import('./x.js')`), `import('x')`
// in a type, `require('x')`, on one line or several. Used by the architecture test.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';

export interface ImportOf {
  /** The importing file, relative to the repository, with `/`. */
  readonly file: string;
  readonly specifier: string;
  /** True when nothing of it is left at run time (`import type`, `{ type A }`, a type's `import()`). */
  readonly typesOnly: boolean;
  readonly line: number;
}

const SOURCE = /\.(?:ts|tsx|js|mjs|cjs)$/;
/** Not sources: installed, built or rendered. */
const SKIPPED = new Set(['node_modules', 'dist', '.git', 'coverage', 'cdktf.out', '.terraform']);

/** Source files under `dir` (absolute), repository-relative with `/`. */
export function sourceFiles(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : sourceFiles(root, path);
    return SOURCE.test(entry.name) ? [relative(root, path).split(sep).join('/')] : [];
  });
}

function typesOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // `import './x.js'`: run for its side effects
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return (
    clause.name === undefined &&
    named !== undefined &&
    ts.isNamedImports(named) &&
    named.elements.length > 0 &&
    named.elements.every((element) => element.isTypeOnly)
  );
}

export function importsOf(root: string, file: string): ImportOf[] {
  const text = readFileSync(join(root, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: ImportOf[] = [];
  const add = (node: ts.Node, literal: ts.Node | undefined, typesOnly: boolean): void => {
    if (!literal || !ts.isStringLiteralLike(literal)) return;
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push({ file, specifier: literal.text, typesOnly, line: line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node, node.moduleSpecifier, typesOnlyImport(node));
    else if (ts.isExportDeclaration(node)) add(node, node.moduleSpecifier, node.isTypeOnly);
    else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference)
    )
      add(node, node.moduleReference.expression, node.isTypeOnly);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument))
      add(node, node.argument.literal, true);
    else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
    )
      add(node, node.arguments[0], false);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
