import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkHardening, REQUIRED_CALLS, REQUIRED_EVENTS } from '../../../tools/security/hardeningCheck.js';
import { checkSecurePreferences } from '../../../tools/security/windowCheck.js';
import { real, ROOT } from './fixture.js';

const mainSources = () =>
  (readdirSync(join(ROOT, 'main'), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts'))
    .map((f) => real(`main/${f.replaceAll('\\', '/')}`));

// Each check parses every main/ file with the TypeScript compiler: give a loaded machine the time it needs.
describe('hardening check', { timeout: 60_000 }, () => {
  it('passes the real main process', () => {
    expect(checkHardening(mainSources())).toEqual([]);
  });

  it('fails when any required call or guard is removed', () => {
    // Read once: re-reading every main/ file per removed name made this slow on a loaded machine.
    const sources = mainSources();
    for (const name of [...REQUIRED_CALLS, ...REQUIRED_EVENTS].map((r) => r.name)) {
      const weakened = sources.map((s) => ({ ...s, text: s.text.replaceAll(name, 'somethingElse') }));
      const messages = checkHardening(weakened).map((p) => p.message);
      expect(messages, name).toHaveLength(1);
      expect(messages[0]).toMatch(/^missing: /);
    }
  });

  it('fails shell.openExternal and the deprecated sync safeStorage calls wherever they appear', () => {
    const text = "import { shell, safeStorage } from 'electron';\nshell.openExternal(url);\nsafeStorage.encryptString('k');\nsafeStorage.decryptString(b);\n";
    const problems = checkHardening([...mainSources(), { file: 'main/links.ts', text }]);
    expect(problems.map((p) => [p.file, p.line])).toEqual([['main/links.ts', 2], ['main/links.ts', 3], ['main/links.ts', 4]]);
  });

  it('fails secure preferences without devTools, or with devTools switched on', () => {
    const text = real('main/window/security.ts').text;
    const without = text.replace('    devTools: !options.packaged,\n', '');
    expect(checkSecurePreferences({ file: 'main/window/security.ts', text: without }).map((p) => p.message)).toEqual([expect.stringContaining('devTools is missing')]);
    const on = text.replace('devTools: !options.packaged,', 'devTools: true,');
    expect(checkSecurePreferences({ file: 'main/window/security.ts', text: on }).map((p) => p.message)).toEqual(['devTools must not be the literal true']);
  });
});
