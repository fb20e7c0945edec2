/**
 * The Content-Security-Policy must be present in every page and strict: nothing but our own files,
 * no inline or eval'd code, no remote origins, no plugins, no <base> or form tricks. Pages must not
 * carry inline scripts, inline event handlers or remote resources (the CSP would block them anyway;
 * finding them means someone is fighting the policy).
 */
import type { Problem, SourceText } from './problem.js';

const CHECK = 'csp';
const UNSAFE = /^'(unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|unsafe-allow-redirects)'$/;
const HASH = /^'sha(256|384|512)-[A-Za-z0-9+/=]+'$/;
/** Directives that do not fall back to default-src and must therefore be written out. */
const REQUIRED = ['default-src', 'base-uri', 'form-action'];

export function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/).filter(Boolean);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), values);
  }
  return directives;
}

/** What is wrong with a policy; empty when it is strict. */
export function cspWeaknesses(policy: string): string[] {
  const d = parseCsp(policy);
  const weak: string[] = [];
  for (const name of REQUIRED) if (!d.has(name)) weak.push(`${name} is missing`);
  const def = d.get('default-src');
  if (def && !(isOnly(def, "'none'") || isOnly(def, "'self'"))) weak.push(`default-src must be 'none' or 'self', not ${def.join(' ')}`);
  const effective = (name: string) => d.get(name) ?? def ?? [];
  const script = effective('script-src');
  if (script.length === 0) weak.push('no script-src (and no default-src) restricts scripts');
  if (!script.every((s) => s === "'self'" || s === "'none'" || HASH.test(s))) weak.push(`script-src allows more than our own files: ${script.join(' ')}`);
  if (!isOnly(effective('object-src'), "'none'")) weak.push("object-src must be 'none' (directly or through default-src)");
  for (const [name, values] of d) {
    for (const v of values) {
      if (UNSAFE.test(v)) weak.push(`${name} allows ${v}`);
      else if (isRemoteOrWildcard(name, v)) weak.push(`${name} allows a remote or wildcard source: ${v}`);
    }
  }
  return weak;
}

function isOnly(values: string[], token: string): boolean {
  return values.length === 1 && values[0] === token;
}

/** Quoted keywords, hashes and nonces are fine; `*`, schemes and hosts are not (data: only for images and fonts). */
function isRemoteOrWildcard(directive: string, v: string): boolean {
  if (v.startsWith("'")) return false;
  return !(v === 'data:' && (directive === 'img-src' || directive === 'font-src'));
}

export interface MetaCsp {
  policy: string;
  line: number;
}

/** Every `<meta http-equiv="Content-Security-Policy" content="…">` of a page, with its line. */
export function findMetaCsp(html: string): MetaCsp[] {
  const found: MetaCsp[] = [];
  for (const m of html.matchAll(/<meta\b[^>]*>/gi)) {
    const attrs = attributes(m[0]);
    if (attrs.get('http-equiv')?.toLowerCase() === 'content-security-policy') {
      found.push({ policy: attrs.get('content') ?? '', line: lineAt(html, m.index) });
    }
  }
  return found;
}

/** A page: a strict CSP meta tag, and no inline script, inline handler or remote resource. */
export function checkHtml({ file, text }: SourceText): Problem[] {
  const problems: Problem[] = [];
  const at = (line: number | undefined, message: string) => problems.push({ check: CHECK, file, line, message });
  const metas = findMetaCsp(text);
  if (metas.length === 0) at(undefined, 'no Content-Security-Policy meta tag');
  for (const meta of metas) for (const w of cspWeaknesses(meta.policy)) at(meta.line, w);
  for (const m of text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (!attributes(`<x ${m[1] ?? ''}>`).has('src') && (m[2] ?? '').trim() !== '') at(lineAt(text, m.index), 'inline <script>: ship scripts as files');
  }
  for (const m of text.matchAll(/<[a-z][^>]*>/gi)) {
    for (const [name, value] of attributes(m[0])) {
      if (/^on[a-z]+$/.test(name)) at(lineAt(text, m.index), `inline event handler ${name}=`);
      if ((name === 'src' || name === 'href') && /^(https?:|\/\/|javascript:)/i.test(value.trim())) at(lineAt(text, m.index), `remote or javascript: resource ${value}`);
    }
  }
  return problems;
}

/** main/window/security.ts serves the same policy as a header that the page carries as a meta tag. */
export function checkSamePolicy(headerPolicy: string, page: SourceText, securityFile: string): Problem[] {
  const problems: Problem[] = cspWeaknesses(headerPolicy).map((w) => ({ check: CHECK, file: securityFile, message: `CONTENT_SECURITY_POLICY: ${w}` }));
  for (const meta of findMetaCsp(page.text)) {
    if (meta.policy !== headerPolicy) problems.push({ check: CHECK, file: page.file, line: meta.line, message: `the meta CSP differs from CONTENT_SECURITY_POLICY in ${securityFile}` });
  }
  return problems;
}

function attributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const body = tag.replace(/^<[a-z0-9-]+/i, '').replace(/\/?>$/, '');
  for (const m of body.matchAll(/([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g)) {
    attrs.set((m[1] ?? '').toLowerCase(), decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return attrs;
}

function decodeEntities(s: string): string {
  return s.replace(/&(#39|#x27|quot|amp|lt|gt|apos);/g, (_, e: string) => ({ '#39': "'", '#x27': "'", quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" })[e] ?? _);
}

function lineAt(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}
