// A lint rule that keeps a folder's imports inside the zones it may depend on, judged by the path an
// import resolves to (not by how its specifier is spelled), so `../../serviceTypes.js` from
// main/core/vault/ fails exactly like `../serviceTypes.js` from main/core/. Targets need not exist:
// the path is resolved lexically, so an import of a file that was moved away still fails.
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Zone folders are named from the repository root, wherever eslint is started. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const EXTENSION = /\.(?:[cm]?[jt]s|svelte)$/;

/** `a/b/c.ts` → `a/b/c`, with forward slashes, relative to the lint root. */
function projectPath(root, absolute) {
  return relative(root, absolute).split(sep).join('/').replace(EXTENSION, '');
}

function inside(path, folder) {
  return path === folder || path.startsWith(`${folder}/`);
}

/** @type {import('eslint').Rule.RuleModule} */
const importZone = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports may resolve only into the allowed folders (and never to a denied file).' },
    schema: [{
      type: 'object',
      properties: {
        allow: { type: 'array', items: { type: 'string' } },
        deny: { type: 'array', items: { type: 'string' } },
        message: { type: 'string' },
      },
      required: ['allow'],
      additionalProperties: false,
    }],
    messages: { outside: '{{specifier}} resolves to {{target}}, outside what this folder may import ({{allow}}). {{message}}' },
  },
  create(context) {
    const { allow, deny = [], message = '' } = context.options[0];
    const from = dirname(context.filename);
    const denied = deny.map((d) => d.replace(EXTENSION, ''));

    function check(node, specifier) {
      if (typeof specifier !== 'string') return;
      // Bare specifiers (packages, node:*) are for no-restricted-imports; zones are about our files.
      if (!specifier.startsWith('.') && !isAbsolute(specifier)) return;
      const target = projectPath(ROOT, resolve(from, specifier));
      const ok = allow.some((folder) => inside(target, folder)) && !denied.includes(target);
      if (!ok) context.report({ node, messageId: 'outside', data: { specifier, target, allow: allow.join(', '), message } });
    }
    const fromSource = (node) => node.source && check(node.source, node.source.value);

    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      TSImportType: (node) => {
        // typescript-eslint 8 names the specifier `source`; reading the older `argument` warns.
        const literal = node.source ?? (node.argument?.type === 'TSLiteralType' ? node.argument.literal : undefined);
        if (literal?.type === 'Literal') check(literal, literal.value);
      },
      TSExternalModuleReference: (node) => node.expression.type === 'Literal' && check(node.expression, node.expression.value),
      CallExpression: (node) => {
        const [arg] = node.arguments;
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && arg?.type === 'Literal') check(arg, arg.value);
      },
    };
  },
};

export const zonesPlugin = { meta: { name: 'token-vault-zones' }, rules: { 'import-zone': importZone } };
