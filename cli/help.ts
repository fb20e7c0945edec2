/** `--help` for every command; the exit codes are part of the main help. */
export const EXIT_CODES_TEXT = `Exit codes:
  0  ok
  1  other failure (see the message)
  2  usage: unknown command, bad option, ambiguous account
  3  locked: the vault is locked (or not created yet); unlock it in the app
  4  denied: you chose Deny (or declined to sign) in Token Vault
  5  not found: no such account or token
  6  provider error: the provider refused or could not be reached
  7  app not running: nothing answers on the agent socket
  exec passes the command's own exit code through (128+N when a signal N ended it).`;

export const HELP: Record<string, string> = {
  main: `tokenvault — fresh tokens from the unlocked Token Vault app, with your approval

Usage: tokenvault <command> [options]

Commands:
  status                      is the app running, and is the vault unlocked?
  list [--json]               accounts and tokens (no token values)
  get ACCOUNT                 print a token (reusing a live one)
  exec ACCOUNT -- CMD ARGS…   run CMD with a token in its environment only
  mint ACCOUNT                mint a new token (its value is not printed)
  revoke TOKEN                revoke one token by id
  revoke --account ACCOUNT --all
                              revoke every token of an account
  lock                        lock the vault now

ACCOUNT is an account's label or id. The first request from a program for an account asks you in
Token Vault: Allow once, Allow for N minutes (Settings), or Deny. Locking ends every permission.
Run tokenvault <command> --help for a command's options.

Environment:
  TOKENVAULT_SOCKET     the agent socket to use (default: the app's data folder, agent/agent.sock)
  TOKEN_VAULT_DATA_DIR  the app's data folder, if not the default

${EXIT_CODES_TEXT}`,
  status: `Usage: tokenvault status

Says whether Token Vault is running and whether its vault is unlocked. Exit code 0 when unlocked,
3 when locked or not created yet, 7 when the app is not running.`,
  list: `Usage: tokenvault list [--json]

Lists accounts (label, id, provider) and tokens (id, account, kind, preview, time left, state).
Never prints a token value. --json prints {accounts, tokens} with expiresAt in RFC 3339.`,
  get: `Usage: tokenvault get ACCOUNT [--min-ttl 15m] [--format raw|header|curl|export|json]

Prints a token for ACCOUNT on stdout: a live one with at least --min-ttl left (default 1m), or a
freshly minted one. Ocean accounts ask you to approve the signature in Token Vault.
  --format raw      the token alone (default)
  --format header   the HTTP header line, e.g. Authorization: Token …
  --format curl     a curl command that checks the token
  --format export   export AZION_TOKEN='…' for eval in a shell
  --format json     {"token","expiresAt","account","kind"} for credential helpers
  --min-ttl D       e.g. 90s, 15m, 2h, 1d (or plain seconds)

Example: curl -H "$(tokenvault get ocean --format header)" https://provider.example.com/api/…`,
  exec: `Usage: tokenvault exec ACCOUNT [--env NAME] [--min-ttl D] -- CMD [ARGS…]

Runs CMD with the token in the environment variable NAME (default AZION_TOKEN for Azion accounts,
OCEAN_AUTH_TOKEN for Ocean ones) and its expiry in NAME_EXPIRES_AT (RFC 3339). Only CMD gets the
token: it is never on a command line, printed, or put in this shell's environment. CMD inherits
stdin/stdout/stderr; SIGTERM, SIGHUP, SIGUSR1 and SIGUSR2 are forwarded (SIGINT and SIGQUIT too
when not on a terminal: on a terminal, Ctrl+C already reaches CMD). tokenvault exits with CMD's exit code.

Example: tokenvault exec azion-prod -- terraform apply`,
  mint: `Usage: tokenvault mint ACCOUNT

Mints a new token for ACCOUNT and prints its id, preview and expiry (not its value; use get).`,
  revoke: `Usage: tokenvault revoke TOKEN
       tokenvault revoke --account ACCOUNT --all

Revokes one token (by the id tokenvault list shows) or every token of an account, at the provider.`,
  lock: `Usage: tokenvault lock

Locks the vault now. Every command-line permission ends with it. Never asks.`,
};
