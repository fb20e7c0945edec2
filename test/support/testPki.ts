/**
 * Certificates made at test time with the openssl CLI (no keys in the repo): a CA the test may
 * trust, and leaf certificates for 127.0.0.1 that are good, for another host name, expired, or from
 * a CA nobody trusts. EC P-256 keys, so making them takes milliseconds.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Pem {
  key: string;
  cert: string;
}

export interface TestPki {
  /** The trusted CA's certificate file (what NODE_EXTRA_CA_CERTS would point at). */
  caPath: string;
  /** For 127.0.0.1 and localhost, signed by the CA. */
  good: Pem;
  /** Signed by the CA, but for wrong-host.example only. */
  wrongHost: Pem;
  /** Signed by the CA for 127.0.0.1, valid only in January 2020. */
  expired: Pem;
  /** For 127.0.0.1, signed by another CA that is never trusted. */
  untrusted: Pem;
  dispose(): void;
}

export function makeTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'tv-pki-'));
  const at = (name: string): string => join(dir, name);
  const openssl = (...args: string[]): void => void execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const ecKey = (name: string): void => openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', at(name));

  const makeCa = (name: string, cn: string): void => {
    ecKey(`${name}.key`);
    openssl('req', '-x509', '-new', '-key', at(`${name}.key`), '-out', at(`${name}.pem`), '-days', '2', '-subj', `/CN=${cn}`,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  };
  makeCa('ca', 'Token Vault Test CA');
  makeCa('other-ca', 'Untrusted Test CA');

  const leaf = (name: string, san: string, ca: string, dates?: { start: string; end: string }): Pem => {
    ecKey(`${name}.key`);
    openssl('req', '-new', '-key', at(`${name}.key`), '-out', at(`${name}.csr`), '-subj', `/CN=${name}`);
    writeFileSync(at(`${name}.ext`), `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
    if (!dates) {
      openssl('x509', '-req', '-in', at(`${name}.csr`), '-CA', at(`${ca}.pem`), '-CAkey', at(`${ca}.key`), '-CAcreateserial',
        '-out', at(`${name}.pem`), '-days', '2', '-extfile', at(`${name}.ext`));
    } else {
      // `openssl x509` cannot back-date; `openssl ca` can, with a throwaway database.
      writeFileSync(at('index.txt'), '');
      writeFileSync(at('serial'), '1000\n');
      writeFileSync(at('ca.cnf'), [
        '[ca]', 'default_ca = test', '[test]', `dir = ${dir}`, 'database = $dir/index.txt', 'new_certs_dir = $dir',
        'serial = $dir/serial', 'default_md = sha256', 'policy = any', 'unique_subject = no', 'copy_extensions = none',
        '[any]', 'commonName = supplied', ''].join('\n'));
      openssl('ca', '-batch', '-config', at('ca.cnf'), '-cert', at(`${ca}.pem`), '-keyfile', at(`${ca}.key`), '-in', at(`${name}.csr`),
        '-out', at(`${name}.pem`), '-startdate', dates.start, '-enddate', dates.end, '-extfile', at(`${name}.ext`), '-notext');
    }
    return { key: readFileSync(at(`${name}.key`), 'utf8'), cert: readFileSync(at(`${name}.pem`), 'utf8') };
  };

  const loopback = 'IP:127.0.0.1,DNS:localhost';
  return {
    caPath: at('ca.pem'),
    good: leaf('good', loopback, 'ca'),
    wrongHost: leaf('wrong-host', 'DNS:wrong-host.example', 'ca'),
    expired: leaf('expired', loopback, 'ca', { start: '20200101000000Z', end: '20200131000000Z' }),
    untrusted: leaf('untrusted', loopback, 'other-ca'),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
