// An in-page demo window.vault for looking at the UI (tools/ui-preview) and for the UI benchmark.
// Plain JavaScript on purpose: it is injected verbatim with addInitScript, so nothing may depend on
// a transpiler's helpers. Every value here is made up; none is a real credential.
//
// Query parameters of the page choose what it shows:
//   scenario = setup | locked | damaged | unlocked (default) | noaccounts | notokens
//   n        = number of tokens (default: the hand-made set; e.g. 1000 for the scale view)
//   kc       = keychain backend (default gnome_libsecret; basic_text shows the insecure opt-in)
//   chain    = broken, to show a broken audit chain
//   theme    = system | light | dark (the theme setting)
(function installDemoVault() {
  'use strict';
  var params = new URLSearchParams(location.search);
  var scenario = params.get('scenario') || 'unlocked';
  var count = Number(params.get('n') || '0');
  var now = Date.now();
  var MIN = 60000;
  var HOUR = 60 * MIN;
  var DAY = 24 * HOUR;
  var listeners = [];
  var seq = 0;

  function ok(value) {
    return Promise.resolve({ ok: true, value: value });
  }
  function fail(code, message, extra) {
    return Promise.resolve({ ok: false, error: Object.assign({ code: code, message: message, retryable: false }, extra || {}) });
  }
  function later(ms, value) {
    return new Promise(function (resolve) {
      setTimeout(function () {
        resolve(value);
      }, ms);
    });
  }
  function emit(event) {
    listeners.slice().forEach(function (l) {
      l(event);
    });
  }
  function clone(x) {
    return JSON.parse(JSON.stringify(x));
  }

  var status = scenario === 'setup' ? 'uninitialized' : scenario === 'locked' || scenario === 'damaged' ? 'locked' : 'unlocked';
  var damaged = scenario === 'damaged';

  var settings = {
    autoLockMinutes: 15,
    lockOnSleep: true,
    clipboardClearSeconds: 30,
    alertLeadMinutes: 15,
    renewLeadMinutes: 10,
    expiredRetentionHours: 24,
    closeToTray: true,
    keychainUnlock: scenario === 'locked',
    keychainAcceptInsecure: false,
    theme: params.get('theme') || 'system',
    globalShortcut: 'CommandOrControl+Shift+K',
    agentGrantMinutes: 10,
  };
  var backend = params.get('kc') || 'gnome_libsecret';
  function settingsView() {
    return {
      settings: clone(settings),
      keychain: { available: true, backend: backend, secure: backend !== 'basic_text', enabled: settings.keychainUnlock },
      platform: {
        os: 'linux',
        tray: true,
        notifications: true,
        globalShortcut: true,
        limitations: [
          'Screen-lock detection depends on your desktop environment; GNOME and KDE report it, some tiling window managers do not.',
          'The tray icon needs an AppIndicator extension on GNOME.',
        ],
      },
    };
  }

  var accounts =
    scenario === 'noaccounts'
      ? []
      : [
          {
            id: 'acc-prod',
            label: 'Production API',
            createdAt: now - 40 * DAY,
            config: { kind: 'azion', authBase: 'https://api.azionapi.net', apiBase: 'https://api.azionapi.net', checkBase: 'https://sso.azion.com/api', mode: 'session', email: 'ops@acme.example' },
            has: { password: true, personalToken: false, privateKey: false },
            autoRenew: true,
            revokeOnRenew: true,
            defaultCopyFormat: 'header',
          },
          {
            id: 'acc-edge',
            label: 'Edge deploys (SSO)',
            createdAt: now - 12 * DAY,
            config: { kind: 'azion', authBase: 'https://api.azionapi.net', apiBase: 'https://api.azionapi.net', checkBase: 'https://sso.azion.com/api', mode: 'personal', email: 'ci@acme.example' },
            has: { password: false, personalToken: true, privateKey: false },
            autoRenew: false,
            revokeOnRenew: false,
            defaultCopyFormat: 'export',
          },
          {
            id: 'acc-ocean',
            label: 'Ocean market bot',
            createdAt: now - 5 * DAY,
            // The public Hardhat/Anvil test account #0 address: a well-known, worthless test identity.
            config: { kind: 'ocean', providerUrl: 'https://v4.provider.oceanprotocol.com', address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', flavour: 'provider' },
            has: { password: false, personalToken: false, privateKey: true },
            autoRenew: true,
            revokeOnRenew: false,
            defaultCopyFormat: 'raw',
          },
          {
            id: 'acc-node',
            label: 'Ocean node (staging)',
            createdAt: now - 2 * DAY,
            config: { kind: 'ocean', providerUrl: 'https://node.staging.ocean.example', address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', flavour: 'node' },
            has: { password: false, personalToken: false, privateKey: true },
            autoRenew: false,
            revokeOnRenew: false,
            defaultCopyFormat: 'curl',
          },
        ];

  function preview(prefix) {
    var chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    var tail = '';
    for (var i = 0; i < 3; i++) tail += chars[(seq * 7 + i * 13) % chars.length];
    return prefix + '…' + tail;
  }
  function token(id, accountId, kind, createdAgo, expiresIn, state, extra) {
    seq++;
    var acc = accounts.filter(function (a) {
      return a.id === accountId;
    })[0];
    var prefix = kind === 'azion-personal' ? 'azionE4c' : kind.indexOf('ocean') === 0 ? 'eyJhbGci' : 'c2a97f1e';
    return Object.assign(
      {
        id: id,
        accountId: accountId,
        accountLabel: acc ? acc.label : 'Removed account',
        provider: kind.indexOf('ocean') === 0 ? 'ocean' : 'azion',
        kind: kind,
        createdAt: now - createdAgo,
        expiresAt: now + expiresIn,
        preview: preview(prefix),
        state: state,
      },
      extra || {},
    );
  }

  var tokens = [];
  if (scenario !== 'noaccounts' && scenario !== 'notokens') {
    if (count > 0) {
      var kinds = [
        ['acc-prod', 'azion-session', DAY],
        ['acc-edge', 'azion-personal', 30 * DAY],
        ['acc-ocean', 'ocean-provider', HOUR],
        ['acc-node', 'ocean-node', 7 * DAY],
      ];
      for (var i = 0; i < count; i++) {
        var k = kinds[i % kinds.length];
        var life = k[2];
        var age = ((i * 7919) % 1000) / 1000 * life * 0.98 + 30000;
        tokens.push(token('tok-' + i, k[0], k[1], age, life - age, i % 37 === 0 ? 'revoked' : 'active'));
      }
    } else {
      tokens = [
        token('t-fresh', 'acc-prod', 'azion-session', 1 * MIN, DAY - MIN + 20000, 'active'),
        token('t-expiring', 'acc-prod', 'azion-session', DAY - 4 * MIN, 4 * MIN + 5000, 'active'),
        token('t-failed', 'acc-prod', 'azion-session', 6 * HOUR, 18 * HOUR, 'revoke_failed', {
          failure: { code: 'NETWORK', message: 'Could not reach api.azionapi.net: the connection timed out. Check your network, then retry.', retryable: true },
        }),
        token('t-expired', 'acc-prod', 'azion-session', DAY + 10 * MIN, -10 * MIN, 'active'),
        token('t-personal', 'acc-edge', 'azion-personal', 3 * DAY, 27 * DAY + 3 * HOUR, 'active', { renewedFrom: 't-old' }),
        token('t-revoked', 'acc-edge', 'azion-personal', 9 * DAY, 21 * DAY, 'revoked'),
        token('t-ocean', 'acc-ocean', 'ocean-provider', 2 * MIN, 58 * MIN, 'active'),
        token('t-revoking', 'acc-ocean', 'ocean-provider', 30 * MIN, 30 * MIN, 'revoking'),
        token('t-node', 'acc-node', 'ocean-node', 22 * HOUR, 6 * DAY + 2 * HOUR, 'active'),
      ];
    }
  }

  // One program allowed from the command line, for Settings' "Programs allowed now".
  var agentGrants = accounts.length === 0 ? [] : [
    {
      id: 'g-1',
      accountId: accounts[0].id,
      accountLabel: accounts[0].label,
      caller: { exe: '/usr/bin/zsh', pid: 48213, command: '-zsh', cwd: '/home/dev/infra', verified: true },
      grantedAt: now - 3 * MIN,
      expiresAt: now + 7 * MIN,
    },
  ];

  var actions = ['mint', 'copy', 'reveal', 'revoke', 'renew', 'fail', 'unlock', 'lock', 'account'];
  var audit = [];
  for (var a = 1; a <= 137; a++) {
    var act = actions[(a * 5) % actions.length];
    var acct = accounts[a % Math.max(1, accounts.length)];
    audit.push({
      seq: a,
      at: now - (138 - a) * 47 * MIN,
      action: act,
      accountLabel: act === 'unlock' || act === 'lock' ? undefined : acct && acct.label,
      tokenPreview: act === 'unlock' || act === 'lock' || act === 'account' ? undefined : 'c2a97f1e…' + String.fromCharCode(65 + (a % 26)) + 'x' + (a % 10),
      // As main writes them: a failure's outcome is its error code, a copy's detail its format, a mint's the kind.
      outcome: act === 'fail' ? 'NETWORK' : 'ok',
      detail: act === 'fail' ? 'the provider did not answer in 15 s' : act === 'copy' ? 'header' : act === 'mint' && acct ? (acct.config.kind === 'azion' ? 'azion-' + acct.config.mode : 'ocean-' + acct.config.flavour) : act === 'account' ? 'settings changed' : undefined,
    });
  }
  audit.reverse();

  function byId(id) {
    return tokens.filter(function (t) {
      return t.id === id;
    })[0];
  }
  function account(id) {
    return accounts.filter(function (x) {
      return x.id === id;
    })[0];
  }

  var api = {
    status: function () {
      return ok(status);
    },
    create: function () {
      status = 'unlocked';
      return later(300, { ok: true, value: undefined });
    },
    unlock: function (password) {
      if (damaged) return fail('VAULT_DAMAGED', 'The vault file failed its integrity check (authentication tag mismatch). It was kept unchanged.');
      if (password !== 'demo') return later(250, { ok: false, error: { code: 'BAD_PASSWORD', message: 'That password does not open this vault. Check Caps Lock and try again.', retryable: true } });
      status = 'unlocked';
      return ok(undefined);
    },
    unlockWithKeychain: function () {
      status = 'unlocked';
      return ok(undefined);
    },
    lock: function () {
      status = 'locked';
      setTimeout(function () {
        emit({ type: 'vault-status', status: 'locked' });
      }, 0);
      return ok(undefined);
    },
    changePassword: function () {
      return later(400, { ok: true, value: undefined });
    },
    backups: function () {
      return ok([
        { id: 'b3', createdAt: now - 2 * HOUR, bytes: 48213 },
        { id: 'b2', createdAt: now - 26 * HOUR, bytes: 47998 },
        { id: 'b1', createdAt: now - 8 * DAY, bytes: 31270 },
      ]);
    },
    restoreBackup: function () {
      damaged = false;
      status = 'unlocked';
      return later(400, { ok: true, value: undefined });
    },
    getSettings: function () {
      return ok(settingsView());
    },
    agentGrants: function () {
      return ok([]);
    },
    revokeAgentGrant: function () {
      return ok(undefined);
    },
    updateSettings: function (patch, password) {
      // As main does (main/core/settings/weakening.ts): weakening protection needs the master password.
      var longer = function (cur, next) {
        return next !== undefined && next !== cur && cur !== 0 && (next === 0 || next > cur);
      };
      var weaker =
        longer(settings.autoLockMinutes, patch.autoLockMinutes) ||
        longer(settings.clipboardClearSeconds, patch.clipboardClearSeconds) ||
        (settings.lockOnSleep && patch.lockOnSleep === false) ||
        (!settings.keychainUnlock && patch.keychainUnlock === true) ||
        (!settings.keychainAcceptInsecure && patch.keychainAcceptInsecure === true);
      if (weaker && password === undefined) {
        return later(120, { ok: false, error: { code: 'PASSWORD_REQUIRED', message: 'This change stops locking on sleep and screen lock, so it needs your master password. Enter it and save again.', retryable: false } });
      }
      if (weaker && password !== 'demo') {
        return later(250, { ok: false, error: { code: 'BAD_PASSWORD', message: 'That master password is not right. Nothing was changed.', retryable: true } });
      }
      Object.assign(settings, patch);
      var view = settingsView();
      setTimeout(function () {
        emit({ type: 'settings-changed', view: view });
      }, 0);
      return ok(view);
    },
    listAccounts: function () {
      return ok(clone(accounts));
    },
    addAccount: function (input) {
      var id = 'acc-' + ++seq;
      var config =
        input.kind === 'azion'
          ? { kind: 'azion', authBase: input.authBase || 'https://api.azionapi.net', apiBase: input.apiBase || 'https://api.azionapi.net', checkBase: input.checkBase || 'https://sso.azion.com/api', mode: input.mode, email: input.email }
          : { kind: 'ocean', providerUrl: input.providerUrl, address: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC', flavour: 'auto' };
      var view = {
        id: id,
        label: input.label,
        createdAt: Date.now(),
        config: config,
        has: { password: !!input.password, personalToken: !!input.personalToken, privateKey: input.kind === 'ocean' },
        autoRenew: false,
        revokeOnRenew: false,
        defaultCopyFormat: 'raw',
      };
      accounts.push(view);
      return later(350, { ok: true, value: clone(view) });
    },
    updateAccount: function (id, patch) {
      var acc = account(id);
      if (!acc) return fail('NOT_FOUND', 'That account no longer exists.');
      ['label', 'autoRenew', 'revokeOnRenew', 'defaultCopyFormat'].forEach(function (k) {
        if (k in patch) acc[k] = patch[k];
      });
      ['email', 'mode', 'authBase', 'apiBase', 'checkBase', 'providerUrl'].forEach(function (k) {
        if (k in patch) acc.config[k] = patch[k];
      });
      return ok(clone(acc));
    },
    removeAccount: function (id) {
      accounts = accounts.filter(function (x) {
        return x.id !== id;
      });
      return ok(undefined);
    },
    listTokens: function () {
      return ok(clone(tokens));
    },
    previewMint: function (accountId, options) {
      var acc = account(accountId);
      return later(300, {
        ok: true,
        value: {
          previewId: 'pv-' + ++seq,
          address: acc.config.address,
          nonce: '42',
          message: acc.config.address + '42',
          expiresAt: options.expiresAt || Date.now() + DAY,
          flavour: acc.config.flavour === 'node' ? 'node' : 'provider',
          providerUrl: acc.config.providerUrl,
          // The app's words (main/core/tokens/signingStatement.ts), for a Python Provider.
          statement:
            "Only your address and the nonce are signed. The expiry and the server's address are not signed. " +
            'The signature proves you control this address to any Ocean provider that sees it, not only ' +
            new URL(acc.config.providerUrl).host +
            ': whoever receives it can mint a token for your address wherever nonce 42 is still accepted. Approve only if you trust this server.',
        },
      });
    },
    mint: function (accountId, options) {
      var acc = account(accountId);
      var kind = acc.config.kind === 'ocean' ? (acc.config.flavour === 'node' ? 'ocean-node' : 'ocean-provider') : acc.config.mode === 'personal' ? 'azion-personal' : 'azion-session';
      var life = (options.expiresAt || Date.now() + DAY) - Date.now();
      var t = token('t-' + ++seq, accountId, kind, 0, life, 'active');
      t.createdAt = Date.now();
      t.expiresAt = Date.now() + life;
      tokens.unshift(t);
      return later(700, { ok: true, value: clone(t) });
    },
    revoke: function (id) {
      var t = byId(id);
      if (!t) return fail('NOT_FOUND', 'That token is gone.');
      return later(900).then(function () {
        t.state = 'revoked';
        delete t.failure;
        emit({ type: 'tokens-changed', tokens: clone(tokens) });
        return { ok: true, value: clone(t) };
      });
    },
    revokeAll: function (accountId) {
      var n = 0;
      tokens.forEach(function (t) {
        // null: every account (main asks the person once; the demo has no one to ask).
        if ((accountId === null || t.accountId === accountId) && t.state !== 'revoked') {
          t.state = 'revoked';
          n++;
        }
      });
      return ok({ revoked: n, failed: 0 });
    },
    checkAccount: function (id) {
      var acc = account(id);
      if (!acc) return fail('NOT_FOUND', 'That account no longer exists.');
      // The demo refuses the SSO account's token, to show a failure staying on its card.
      if (acc.config.mode === 'personal') {
        return later(300, { ok: false, error: { code: 'BAD_CREDENTIALS', message: 'Azion refused the personal token (401). Paste a current personal token in the account settings.', retryable: false } });
      }
      return later(300, { ok: true, value: { checkedAt: Date.now() } });
    },
    clearHistory: function (accountId) {
      var t0 = Date.now();
      var before = tokens.length;
      tokens = tokens.filter(function (t) {
        return !(t.accountId === accountId && (t.state === 'revoked' || (t.state !== 'revoking' && t0 > t.expiresAt)));
      });
      return ok({ removed: before - tokens.length });
    },
    copy: function (id, format) {
      var t = byId(id);
      var acc = t && account(t.accountId);
      return ok({ format: format || (acc ? acc.defaultCopyFormat : 'raw'), clearsAt: Date.now() + settings.clipboardClearSeconds * 1000 });
    },
    reveal: function (id) {
      var t = byId(id);
      // Obviously fake: a demo value with the preview's shape.
      return ok(t.preview.replace('…', 'DEMO0nlyN0tARealT0ken0f4nyKindJustForTheScreenshot9f8e7d6c5b4a3') );
    },
    check: function () {
      return ok('valid');
    },
    auditPage: function (q) {
      var list = audit.filter(function (e) {
        return (!q.action || e.action === q.action) && (!q.accountId || e.accountLabel === (account(q.accountId) || {}).label);
      });
      return ok({
        entries: clone(list.slice(q.offset, q.offset + q.limit)),
        total: list.length,
        chain: params.get('chain') === 'broken' ? { ok: false, brokenAt: 112 } : { ok: true },
      });
    },
    agentGrants: function () {
      return ok(clone(agentGrants));
    },
    revokeAgentGrant: function (id) {
      agentGrants = agentGrants.filter(function (g) {
        return g.id !== id;
      });
      return ok(undefined);
    },
    onEvent: function (listener) {
      listeners.push(listener);
      return function () {
        listeners = listeners.filter(function (l) {
          return l !== listener;
        });
      };
    },
  };

  // The demo's own handle, for the preview script to push events as main would.
  Object.defineProperty(window, '__demoEmit', { value: emit });
  Object.defineProperty(window, 'vault', { value: Object.freeze(api) });
})();
