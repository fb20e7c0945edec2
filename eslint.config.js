// Lint rules that hold the architecture: who may import electron, ipcMain, ipcRenderer and node.
import { builtinModules } from 'node:module';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { zonesPlugin } from './tools/eslint/importZones.js';

const nodeModules = [...builtinModules.flatMap((m) => [m, `${m}/*`]), 'node:*'];

/** Reading the wall clock directly; main/core asks its injected Clock instead. */
const clockMessage = 'main/core reads time only from its injected Clock (clock.now()), so tests and the soak can move it.';
const wallClockReads = [
  { selector: "CallExpression[callee.type='MemberExpression'][callee.object.name='Date'][callee.property.name='now']", message: clockMessage },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: clockMessage },
  { selector: "CallExpression[callee.name='Date']", message: clockMessage },
];

/** Electron names that only one place may import. */
const ipcMainRule = { name: 'electron', importNames: ['ipcMain'], message: 'ipcMain is used only in main/ipc (register through registerHandlers).' };
const ipcRendererRule = { name: 'electron', importNames: ['ipcRenderer'], message: 'ipcRenderer is used only in preload/index.ts.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'test/fixtures/lint/**', '.stryker-tmp/**'] },
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  { plugins: { zones: zonesPlugin } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [ipcMainRule, ipcRendererRule] }],
    },
  },
  {
    files: ['main/ipc/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [ipcRendererRule] }] },
  },
  {
    files: ['preload/index.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [ipcMainRule] }] },
  },
  {
    files: ['main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'main/core never imports electron: inject what it needs (main/platform adapts Electron).' }],
        patterns: [{ group: ['electron/*'], message: 'main/core never imports electron: inject what it needs (main/platform adapts Electron).' }],
      }],
      'zones/import-zone': ['error', { allow: ['main/core', 'preload'], deny: ['preload/index'], message: 'main/core depends only on itself and the preload contract: move what it needs into core, or inject it.' }],
      // Every time read goes through the injected Clock, so tests (and the soak) can move time.
      'no-restricted-syntax': ['error', ...wallClockReads],
    },
  },
  // main/ by concern, arrows pointing inward: platform/ holds leaf Electron adapters; tray/, window/,
  // lifecycle/, ipc/ and agent/ each use core, the contract and (tray, lifecycle) adapters; desktop/
  // composes the desktop integration; index.ts and services.ts compose everything.
  ...[
    ['main/platform', [], 'platform/ holds leaf Electron adapters: they use core and the contract, never a feature folder.'],
    ['main/tray', ['main/platform'], 'The tray uses core, the contract and platform adapters; desktop/ wires it.'],
    ['main/window', [], 'The window uses core and the contract; index.ts wires it.'],
    ['main/lifecycle', ['main/platform'], 'Lifecycle decisions use core, the contract and platform adapters; desktop/ wires them.'],
    ['main/ipc', [], 'IPC uses core and the contract; index.ts wires it.'],
    ['main/agent', [], 'The agent uses core and the contract; index.ts wires it.'],
    ['main/desktop', ['main/tray', 'main/lifecycle', 'main/platform', 'build/tray'], 'desktop/ composes tray, lifecycle and platform adapters; it is not imported by them.'],
  ].map(([folder, also, message]) => ({
    files: [`${folder}/**/*.ts`],
    rules: { 'zones/import-zone': ['error', { allow: [folder, ...also, 'main/core', 'preload'], deny: ['preload/index'], message }] },
  })),
  {
    files: ['preload/**/*.ts'],
    rules: { 'zones/import-zone': ['error', { allow: ['preload'], message: 'The contract imports nothing outside preload/.' }] },
  },
  {
    // The CLI is plain Node and must start fast: no electron, no dependencies, and from main only the
    // agent's wire protocol, framer and endpoint (which import nothing but node built-ins).
    files: ['cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The CLI runs under plain Node.' }],
        patterns: [
          { regex: '^\\.\\./main/(?!agent/(?:protocol|LineFramer|endpoint)\\.js$)', message: 'The CLI imports only main/agent/{protocol,LineFramer,endpoint}.js from main.' },
          { regex: '^(?!node:|\\.)', message: 'The CLI has no dependencies: only node: built-ins and its own files.' },
        ],
      }],
    },
  },
  {
    files: ['main/agent/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The agent runs in main but never imports electron: it is tested under plain Node.' }, ipcMainRule, ipcRendererRule],
      }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The renderer reaches main only through window.vault.' }],
        patterns: [{ group: nodeModules, message: 'The renderer runs in a browser: no node modules.' }, { group: ['**/main/**'], message: 'The renderer may import only preload/contract types, never main.' }],
      }],
      'zones/import-zone': ['error', { allow: ['renderer', 'preload'], deny: ['preload/index'], message: 'The renderer may import only itself and the preload contract.' }],
      'no-restricted-globals': ['error', { name: 'require', message: 'No require in the renderer.' }, { name: 'process', message: 'No process in the renderer.' }],
    },
  },
  {
    files: ['main/**/*.ts', 'cli/**/*.ts', 'test/**/*.ts', 'tools/**/*.ts', 'tools/**/*.js', 'tools/**/*.mjs', 'build/**/*.mjs', '*.config.*', 'eslint.config.js'],
    languageOptions: { globals: globals.node },
  },
);
