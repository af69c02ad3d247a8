import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';

/**
 * The part of node:crypto the offline verification uses, for the auditor's browser: SHA-256 and
 * Ed25519 public keys with signature checks, from the audited @noble libraries. WebCrypto cannot
 * stand in: its digest and verify are asynchronous, the verifier's calls are not. The bundle of
 * the verification maps `node:crypto` to this module (vite.config.mts); the same verifier code runs
 * on the command line with Node's own crypto, and test/browser checks that both agree.
 *
 * It uses the global Buffer, as the verifier does: Node's, or in the browser the one buffer-global.ts
 * puts there. Only public keys exist here: a private key never reaches the browser, so nothing is
 * signed.
 */

/** DER of an Ed25519 SubjectPublicKeyInfo up to the key (RFC 8410): the 32 key bytes follow. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

type Bytes = Uint8Array | string;

const bytesOf = (data: Bytes, encoding?: 'utf8' | 'hex' | 'base64'): Uint8Array => (typeof data === 'string' ? Buffer.from(data, encoding ?? 'utf8') : data);

export class KeyObject {
  readonly type = 'public';
  readonly asymmetricKeyType = 'ed25519';

  constructor(readonly keyBytes: Uint8Array) {
    if (keyBytes.length !== 32) throw new Error('an Ed25519 public key has 32 bytes');
  }

  export(options: { format: 'der' | 'pem'; type?: 'spki' }): Buffer | string {
    const der = Buffer.concat([SPKI_PREFIX, this.keyBytes]);
    if (options.format === 'der') return der;
    const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
    return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`;
  }
}

function fromDer(der: Uint8Array): KeyObject {
  const bytes = Buffer.from(der);
  if (bytes.length !== SPKI_PREFIX.length + 32 || !bytes.subarray(0, SPKI_PREFIX.length).equals(SPKI_PREFIX)) {
    throw new Error('not an Ed25519 public key (SubjectPublicKeyInfo)');
  }
  return new KeyObject(bytes.subarray(SPKI_PREFIX.length));
}

/** From PEM text or DER bytes of a SubjectPublicKeyInfo. */
export function createPublicKey(input: string | Uint8Array | { key: string | Uint8Array; format?: 'pem' | 'der'; type?: 'spki' }): KeyObject {
  const { key, format } = typeof input === 'string' || input instanceof Uint8Array ? { key: input, format: undefined } : input;
  if (typeof key !== 'string') return fromDer(key);
  if (format === 'der') throw new Error('DER is given as bytes');
  const body = /-----BEGIN PUBLIC KEY-----([\s\S]+?)-----END PUBLIC KEY-----/.exec(key);
  if (!body) throw new Error('not a PEM public key');
  return fromDer(Buffer.from(body[1].replace(/\s+/g, ''), 'base64'));
}

interface Hash {
  update(data: Bytes, encoding?: 'utf8' | 'hex' | 'base64'): Hash;
  digest(): Buffer;
  digest(encoding: 'hex' | 'base64'): string;
}

export function createHash(algorithm: string): Hash {
  if (algorithm !== 'sha256') throw new Error(`only SHA-256 is available here, not ${algorithm}`);
  const state = sha256.create();
  const hash: Hash = {
    update(data, encoding) {
      state.update(bytesOf(data, encoding));
      return hash;
    },
    digest(encoding?: 'hex' | 'base64') {
      const out = Buffer.from(state.digest());
      return (encoding ? out.toString(encoding) : out) as Buffer & string;
    },
  };
  return hash;
}

/** Ed25519 as RFC 8032 and OpenSSL check it (no ZIP-215 leniency): what Node's verify accepts. */
export function verify(algorithm: null | undefined, data: Uint8Array, key: KeyObject, signature: Uint8Array): boolean {
  if (algorithm) throw new Error('Ed25519 takes no separate digest algorithm');
  if (!(key instanceof KeyObject)) throw new Error('a public key of createPublicKey is needed');
  if (signature.length !== 64) return false;
  try {
    return ed25519.verify(signature, data, key.keyBytes, { zip215: false });
  } catch {
    return false;
  }
}

/** Never called: signing needs the private key, which stays with the application. */
export function sign(): never {
  throw new Error('the browser verifies; it holds no private key and signs nothing');
}
