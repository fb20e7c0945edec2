/**
 * Windows Electronegativity cannot follow: it looks for literal webPreferences at `new BrowserWindow`,
 * while ours come from one helper. So the gate checks both halves itself: every window takes
 * `webPreferences: secureWebPreferences(…)` and is guarded, and that helper returns the secure values.
 */
import ts from 'typescript';
import { calleeName, lineOf, namedImports, parse, property, propertyName, unwrap, walk } from './ast.js';
import type { Problem, SourceText } from './problem.js';

const CHECK = 'windows';
const WINDOW_CLASSES = new Set(['BrowserWindow', 'BrowserView', 'WebContentsView']);
const HELPER = 'secureWebPreferences';

/** Electron's checklist, as the literal values the helper must return. */
export const REQUIRED_PREFERENCES: Readonly<Record<string, boolean>> = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
};
const FORBIDDEN_PREFERENCES = ['enableBlinkFeatures', 'enableRemoteModule'];

/** Every `new BrowserWindow|BrowserView|WebContentsView(…)` uses the helper, and its file guards window.open and navigation. */
export function checkWindows(files: readonly SourceText[]): Problem[] {
  const problems: Problem[] = [];
  for (const { file, text } of files) {
    const sf = parse(file, text);
    const imports = namedImports(sf);
    let windows = 0;
    let opensDenied = false;
    let navigationGuarded = false;
    walk(sf, (node) => {
      if (ts.isNewExpression(node) && WINDOW_CLASSES.has(calleeName(node.expression) ?? '')) {
        windows++;
        const problem = windowProblem(node, imports, sf);
        if (problem) problems.push({ check: CHECK, file, line: lineOf(node), message: problem });
      }
      if (ts.isCallExpression(node)) {
        const name = calleeName(node.expression);
        if (name === 'setWindowOpenHandler') opensDenied = true;
        const first = node.arguments[0];
        if ((name === 'on' || name === 'once') && first && ts.isStringLiteral(first) && first.text === 'will-navigate') navigationGuarded = true;
      }
    });
    if (windows > 0 && !opensDenied) problems.push({ check: CHECK, file, message: 'creates a window but never calls setWindowOpenHandler (window.open must be denied)' });
    if (windows > 0 && !navigationGuarded) problems.push({ check: CHECK, file, message: "creates a window but never handles 'will-navigate' (navigation must be blocked)" });
  }
  return problems;
}

function windowProblem(node: ts.NewExpression, imports: Map<string, string>, sf: ts.SourceFile): string | null {
  const name = calleeName(node.expression);
  const options = node.arguments?.[0] ? unwrap(node.arguments[0]) : undefined;
  if (!options || !ts.isObjectLiteralExpression(options)) {
    return `new ${name}() must get an object literal whose webPreferences is ${HELPER}(…)`;
  }
  const prefs = property(options, 'webPreferences');
  if (!prefs) return `new ${name}() has no webPreferences: use webPreferences: ${HELPER}(…)`;
  const value = unwrap(prefs.initializer);
  if (!ts.isCallExpression(value) || !ts.isIdentifier(value.expression) || value.expression.text !== HELPER) {
    return `new ${name}() must use webPreferences: ${HELPER}(…) exactly (not an inline object, a spread or a variable)`;
  }
  const from = imports.get(HELPER);
  const declaredHere = sf.statements.some((s) => ts.isFunctionDeclaration(s) && s.name?.text === HELPER);
  if (!declaredHere && (!from || !/(^|\/)security(\.js)?$/.test(from))) {
    return `${HELPER} must be the one from main/window/security.ts (imported here from ${from ?? 'nowhere'})`;
  }
  return null;
}

/** The helper returns one object literal with every required value, no spread, nothing forbidden. */
export function checkSecurePreferences({ file, text }: SourceText): Problem[] {
  const sf = parse(file, text);
  const fn = findFunction(sf, HELPER);
  if (!fn) return [{ check: CHECK, file, message: `${HELPER}() is not defined here` }];
  const returned = returnedExpressions(fn);
  if (returned.length === 0) return [{ check: CHECK, file, line: lineOf(fn), message: `${HELPER}() returns nothing the gate can read` }];
  const problems: Problem[] = [];
  const at = (node: ts.Node, message: string) => problems.push({ check: CHECK, file, line: lineOf(node), message });
  for (const expr of returned) {
    const obj = unwrap(expr);
    if (!ts.isObjectLiteralExpression(obj)) {
      at(expr, `${HELPER}() must return an object literal`);
      continue;
    }
    for (const p of obj.properties) {
      if (ts.isSpreadAssignment(p)) at(p, 'no spread in the secure preferences: every value is written out');
      const key = p.name && propertyName(p.name as ts.PropertyName);
      if (key && FORBIDDEN_PREFERENCES.includes(key)) at(p, `${key} must not be set`);
    }
    for (const [key, wanted] of Object.entries(REQUIRED_PREFERENCES)) {
      const prop = property(obj, key);
      const kind = wanted ? ts.SyntaxKind.TrueKeyword : ts.SyntaxKind.FalseKeyword;
      if (!prop) at(obj, `${key}: ${wanted} is missing`);
      else if (unwrap(prop.initializer).kind !== kind) at(prop, `${key} must be the literal ${wanted}`);
    }
    // DevTools may follow the build (on in development), but never be switched on outright.
    const devTools = property(obj, 'devTools');
    if (!devTools) at(obj, 'devTools is missing: it must be off in packaged builds');
    else if (unwrap(devTools.initializer).kind === ts.SyntaxKind.TrueKeyword) at(devTools, 'devTools must not be the literal true');
    const blink = property(obj, 'disableBlinkFeatures');
    const blinkValue = blink ? unwrap(blink.initializer) : undefined;
    if (!blinkValue || !ts.isStringLiteralLike(blinkValue) || !blinkValue.text.split(',').map((s) => s.trim()).includes('Auxclick')) {
      at(blink ?? obj, "disableBlinkFeatures must include 'Auxclick' (middle-click would open new windows)");
    }
  }
  return problems;
}

function findFunction(sf: ts.SourceFile, name: string): ts.FunctionLikeDeclaration | undefined {
  for (const stmt of sf.statements) {
    if (ts.isFunctionDeclaration(stmt) && stmt.name?.text === name) return stmt;
    if (ts.isVariableStatement(stmt)) {
      for (const d of stmt.declarationList.declarations) {
        const init = d.initializer && unwrap(d.initializer);
        if (ts.isIdentifier(d.name) && d.name.text === name && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) return init;
      }
    }
  }
  return undefined;
}

function returnedExpressions(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
  if (!fn.body) return [];
  if (!ts.isBlock(fn.body)) return [fn.body];
  const found: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return; // a nested function's returns are not ours
    if (ts.isReturnStatement(node) && node.expression) found.push(node.expression);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn.body, visit);
  return found;
}
