/**
 * The built renderer runs in a sandboxed, isolated page: it must not even try `require(…)` or
 * `process.…` (a try means someone expects node in the page, and a weakened window would give it).
 * The preload bundle may require exactly one thing, 'electron', and never touches process.
 * Checked on the syntax tree, so a word in a string or comment is not a finding.
 */
import ts from 'typescript';
import { lineOf, parse, walk } from './ast.js';
import type { Problem, SourceText } from './problem.js';

const CHECK = 'bundles';
const NODE_GLOBALS = new Set(['require', 'process']);
const GLOBAL_OBJECTS = new Set(['globalThis', 'window', 'self', 'global']);

export function checkRendererBundle({ file, text }: SourceText): Problem[] {
  return nodeGlobalUses(parse(file, text)).map((node) => ({
    check: CHECK,
    file,
    line: lineOf(node),
    message: `the renderer bundle uses ${describe(node)}: the page has no node, talk to main through window.vault`,
  }));
}

export function checkPreloadBundle({ file, text }: SourceText): Problem[] {
  return nodeGlobalUses(parse(file, text))
    .filter((node) => !isRequireElectron(node))
    .map((node) => ({
      check: CHECK,
      file,
      line: lineOf(node),
      message: `the preload bundle uses ${describe(node)}: its only import is require('electron'), and it never reads process`,
    }));
}

/** Identifiers `require`/`process` used as values, and `globalThis.process`-style reads. Property names are not uses. */
function nodeGlobalUses(sf: ts.SourceFile): ts.Node[] {
  const uses: ts.Node[] = [];
  walk(sf, (node) => {
    if (ts.isIdentifier(node) && NODE_GLOBALS.has(node.text) && isValueUse(node)) uses.push(node);
    if (ts.isElementAccessExpression(node) && ts.isIdentifier(node.expression) && GLOBAL_OBJECTS.has(node.expression.text)) {
      const key = node.argumentExpression;
      if (ts.isStringLiteralLike(key) && NODE_GLOBALS.has(key.text)) uses.push(node);
    }
  });
  return uses;
}

function isValueUse(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === id) {
    return ts.isIdentifier(parent.expression) && GLOBAL_OBJECTS.has(parent.expression.text);
  }
  const isMemberName =
    (ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent) ||
      ts.isGetAccessorDeclaration(parent) || ts.isSetAccessorDeclaration(parent) || ts.isPropertySignature(parent)) &&
    parent.name === id;
  return !isMemberName;
}

function isRequireElectron(node: ts.Node): boolean {
  const call = node.parent;
  if (!ts.isIdentifier(node) || node.text !== 'require' || !ts.isCallExpression(call) || call.expression !== node) return false;
  const [arg, ...rest] = call.arguments;
  return rest.length === 0 && arg !== undefined && ts.isStringLiteralLike(arg) && arg.text === 'electron';
}

function describe(node: ts.Node): string {
  const text = node.getText();
  return ts.isIdentifier(node) && node.text === 'require' ? 'require(…)' : `${text}`;
}
