import { KeyObject, createPublicKey } from 'node:crypto';
import { parseVerifierKey } from '../../merkle';

/** Why a key file cannot be used to verify: it holds a private key, no key, or not an Ed25519 key. */
export class KeyFileRejected extends Error {
  constructor(
    readonly reason: 'private-key' | 'no-key' | 'not-ed25519',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The public keys of a key file as the Rechnungsprüfung receives it: PEM (one or more SPKI blocks,
 * as GET /audit/public-keys hands them out) or a verifier key string (`<name>+<key id>+<key>`).
 * A private key is refused rather than used: verifying never needs one, and a file holding it
 * should not travel.
 */
export function publicKeysOfFile(name: string, content: string): KeyObject[] {
  if (/PRIVATE KEY/.test(content)) throw new KeyFileRejected('private-key', `${name} holds a private key: verify-offline needs only the public key`);
  const blocks = content.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g);
  const keys = blocks ? blocks.map((pem) => createPublicKey(pem)) : content.trim() ? [parseVerifierKey(content.trim()).publicKey] : [];
  if (keys.length === 0) throw new KeyFileRejected('no-key', `${name} holds no public key`);
  for (const key of keys)
    if (key.asymmetricKeyType !== 'ed25519')
      throw new KeyFileRejected('not-ed25519', `${name} holds a ${key.asymmetricKeyType} key, checkpoints are signed with Ed25519`);
  return keys;
}
