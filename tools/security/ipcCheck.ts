/**
 * IPC handlers reach main only through registerHandlers (sender check, schema, Result wrapping).
 * Electronegativity has no notion of that, so the gate checks it: `ipcMain` may appear only as the
 * argument of `registerHandlers(…)` imported from the ipc register module, Electron's per-window
 * `webContents.ipc` is not used at all, and the helper itself still checks sender and arguments.
 */
import ts from 'typescript';
import { calleeName, lineOf, namedImports, parse, walk } from './ast.js';
import type { Problem, SourceText } from './problem.js';

const CHECK = 'ipc';
const HELPER = 'registerHandlers';
const LISTENING_METHODS = new Set(['handle', 'handleOnce', 'on', 'once', 'addListener', 'prependListener']);

export function checkIpcRegistration(files: readonly SourceText[]): Problem[] {
  const problems: Problem[] = [];
  for (const { file, text } of files) {
    const sf = parse(file, text);
    const imports = namedImports(sf);
    const helperIsReal = /(^|\/)register(\.js)?$/.test(imports.get(HELPER) ?? '');
    walk(sf, (node) => {
      const use = ipcMainUse(node);
      if (use && !passedToHelper(use, helperIsReal)) {
        problems.push({ check: CHECK, file, line: lineOf(use), message: `ipcMain is used outside ${HELPER}(ipcMain, …) from main/ipc/register.ts: every handler must go through the checked helper` });
      }
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && LISTENING_METHODS.has(node.expression.name.text)) {
        const target = node.expression.expression;
        if (ts.isPropertyAccessExpression(target) && target.name.text === 'ipc') {
          problems.push({ check: CHECK, file, line: lineOf(node), message: `webContents.ipc.${node.expression.name.text}() bypasses ${HELPER}: register the channel in the IPC contract instead` });
        }
      }
    });
  }
  return problems;
}

/** The expression node that reads ipcMain (`ipcMain` or `electron.ipcMain`), or null for declarations and other names. */
function ipcMainUse(node: ts.Node): ts.Expression | null {
  if (ts.isPropertyAccessExpression(node) && node.name.text === 'ipcMain') return node;
  if (!ts.isIdentifier(node) || node.text !== 'ipcMain') return null;
  const parent = node.parent;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) return null;
  if (ts.isBindingElement(parent) && (parent.name === node || parent.propertyName === node)) return null;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return null; // handled as the whole access above
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent)) && parent.name === node) return null;
  return node;
}

function passedToHelper(use: ts.Expression, helperIsReal: boolean): boolean {
  const call = use.parent;
  return helperIsReal && ts.isCallExpression(call) && call.arguments.includes(use) && calleeName(call.expression) === HELPER && ts.isIdentifier(call.expression);
}

/** Cheap tripwire on the helper: its dispatch still reads the sender frame, asks isTrustedSender and parses with the schema. */
export function checkRegisterHelper({ file, text }: SourceText): Problem[] {
  const needed: Array<[RegExp, string]> = [
    [new RegExp(`export function ${HELPER}\\b`), `${HELPER} is not exported here`],
    [/\.senderFrame\b/, 'the helper no longer reads event.senderFrame'],
    [/\bisTrustedSender\(/, 'the helper no longer calls isTrustedSender(…)'],
    [/\.safeParse\(/, "the helper no longer validates arguments with the channel's schema"],
  ];
  return needed.filter(([re]) => !re.test(text)).map(([, message]) => ({ check: CHECK, file, message }));
}
