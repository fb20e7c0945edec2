// Installers for Token Vault: `npm run dist` (electron-vite build, then electron-builder with this file).
// Needs a machine that can download Electron and the platform tools (AppImage, fpm, NSIS, dmg).
// test/packaging/asar.test.ts packs `--linux dir` offline with a stand-in Electron and checks app.asar;
// tools/security checks the fuses below.

/** @type {import('electron-builder').Configuration} */
const config = {
  appId: 'dev.tokenvault.app',
  productName: 'Token Vault',
  copyright: 'Copyright © Token Vault contributors',
  directories: { buildResources: 'build', output: 'dist' },

  // Only what runs: the electron-vite output and package.json. electron-builder adds the production
  // dependencies (package.json "dependencies") itself; devDependencies never reach the package.
  files: [
    'out/**/*',
    'package.json',
    '!**/*.map',
    // The CLI ships beside app.asar as its own executable (afterPack below), not as a script inside it.
    '!out/cli/**',
    // Type-only packages that ethers lists as dependencies; nothing loads them at run time.
    '!**/node_modules/@types/**',
    '!**/node_modules/undici-types/**',
    // Sources, declarations, docs, benchmarks and tool configs inside dependencies: not needed to run.
    '!**/node_modules/**/*.{ts,mts,cts,md}',
    '!**/node_modules/**/{tsconfig*.json,eslint.config.*,.eslintrc*}',
    '!**/node_modules/*/{benchmark,benchmarks,spec}/**',
    '!**/node_modules/ethers/{src.ts,dist}/**',
  ],
  // resources/cli/tokenvault[.exe]: the CLI (npm run build:cli) as a Node single executable, so a user
  // needs no Node of their own. Made after packing and before signing; build/scripts/cli-executable.mjs
  // says why not the app binary with ELECTRON_RUN_AS_NODE (the runAsNode fuse stays off).
  afterPack: async (context) => (await import('./build/scripts/cli-executable.mjs')).shipCli(context),
  asar: true,
  // Dependencies are plain JavaScript: nothing to rebuild against Electron's headers.
  npmRebuild: false,

  // Flipped in the Electron binary at package time; tools/security/fuseCheck.ts holds the gate to these values.
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    grantFileProtocolExtraPrivileges: false,
    enableCookieEncryption: true,
    onlyLoadAppFromAsar: true,
    enableEmbeddedAsarIntegrityValidation: true,
  },

  linux: {
    target: ['AppImage', 'deb'],
    category: 'Utility',
    executableName: 'token-vault',
    icon: 'build/icons',
    synopsis: 'Short-lived API tokens, kept in a vault',
    maintainer: 'Token Vault maintainers',
  },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.developer-tools',
    icon: 'build/icon.icns',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
  },
  win: {
    target: ['nsis'],
    icon: 'build/icon.ico',
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    // The vault file lives in the user's data folder; an uninstall must never delete it.
    deleteAppDataOnUninstall: false,
  },
  publish: null,
};

module.exports = config;
