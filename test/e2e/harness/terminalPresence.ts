import { createInterface } from 'node:readline/promises';
import { absentPresence, type Presence } from '../../../main/core/presence/Presence.js';

/**
 * `npm run browser`: main's prompts (the CLI's access and signing approvals) are asked on the
 * harness's own terminal, which the window cannot reach — the stand-in for Electron's native dialog.
 * Without a terminal nobody can answer, so it refuses like absentPresence.
 */
export function terminalPresence(): Presence {
  if (!process.stdin.isTTY) return absentPresence;
  let turn: Promise<unknown> = Promise.resolve();
  return {
    ask(prompt) {
      const mine = turn.then(async () => {
        const rl = createInterface({ input: process.stdin, output: process.stdout });
        // Ctrl+C while asked still stops the harness (readline would otherwise swallow it).
        rl.on('SIGINT', () => process.kill(process.pid, 'SIGINT'));
        try {
          const choices = prompt.choices.map((c, i) => `${i + 1}) ${c}`).join('   ');
          const fallback = (prompt.defaultIndex ?? prompt.cancelIndex) + 1;
          const text = await rl.question(`\n── Token Vault asks: ${prompt.title} ──\n${prompt.message}\n${prompt.detail}\n${choices}\nAnswer [${fallback}]: `);
          const n = text.trim() === '' ? fallback : Number(text.trim());
          return Number.isInteger(n) && n >= 1 && n <= prompt.choices.length ? n - 1 : prompt.cancelIndex;
        } finally {
          rl.close();
        }
      });
      turn = mine.catch(() => undefined);
      return mine;
    },
    recentInput: () => false,
  };
}
