import { KeyObject, createHash, createPublicKey, sign, verify } from 'node:crypto';

/**
 * Signed notes in the C2SP format (c2sp.org/signed-note), which transparency-log tooling reads:
 * a text of lines, each ending in a newline, a blank line, then one line per signature
 * `— <key name> <base64(key id || signature)>`. The key id is the first four bytes of
 * SHA-256(key name || "\n" || 0x01 || Ed25519 public key), so a verifier picks the key a
 * signature claims without trying every key it knows.
 */

const ED25519 = 0x01;
/** DER of an Ed25519 SubjectPublicKeyInfo up to the key (RFC 8410): the 32 key bytes follow. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const SIGNATURE_PREFIX = '\u2014 ';

export class MalformedNote extends Error {}

/** A key name is one word: no white space and no "+" (the separator of verifier keys). */
export function assertKeyName(name: string): void {
  if (!name || /[\s+]/u.test(name)) throw new MalformedNote(`a key name is a non-empty word without white space or "+", got ${JSON.stringify(name)}`);
}

/** The 32 bytes of an Ed25519 public key. */
export function ed25519PublicKeyBytes(key: KeyObject): Buffer {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error(`an Ed25519 key is needed, got ${publicKey.asymmetricKeyType ?? publicKey.type}`);
  return publicKey.export({ format: 'der', type: 'spki' }).subarray(ED25519_SPKI_PREFIX.length);
}

export function noteKeyId(name: string, publicKey: KeyObject): Buffer {
  assertKeyName(name);
  return createHash('sha256')
    .update(Buffer.from(`${name}\n`, 'utf8'))
    .update(Buffer.from([ED25519]))
    .update(ed25519PublicKeyBytes(publicKey))
    .digest()
    .subarray(0, 4);
}

/** The verifier key as notes tooling spells it: `<name>+<key id, 8 hex digits>+<base64(0x01 || public key)>`. */
export function verifierKey(name: string, publicKey: KeyObject): string {
  const encoded = Buffer.concat([Buffer.from([ED25519]), ed25519PublicKeyBytes(publicKey)]).toString('base64');
  return `${name}+${noteKeyId(name, publicKey).toString('hex')}+${encoded}`;
}

/** Reads a verifier key string back into its name and public key. */
export function parseVerifierKey(value: string): { name: string; publicKey: KeyObject } {
  // The Base64 key may hold "+" itself: only the first two separate.
  const [name, id, ...rest] = value.trim().split('+');
  const encoded = rest.join('+');
  if (!name || !id || !encoded) throw new MalformedNote('a verifier key is <name>+<key id>+<key>');
  const raw = Buffer.from(encoded, 'base64');
  if (raw.length !== 33 || raw[0] !== ED25519) throw new MalformedNote('only Ed25519 verifier keys are supported');
  const publicKey = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw.subarray(1)]), format: 'der', type: 'spki' });
  if (noteKeyId(name, publicKey).toString('hex') !== id.toLowerCase())
    throw new MalformedNote('the key id of the verifier key does not match its name and key');
  return { name, publicKey };
}

export interface NoteSigner {
  name: string;
  keyId: Buffer;
  sign(message: Buffer): Buffer;
}

export function ed25519Signer(name: string, privateKey: KeyObject): NoteSigner {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') throw new Error('an Ed25519 private key is needed');
  return { name, keyId: noteKeyId(name, privateKey), sign: (message) => sign(null, message, privateKey) };
}

function assertText(text: string): void {
  if (!text.endsWith('\n') || text === '\n') throw new MalformedNote('the text of a note is not empty and ends with a newline');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f\u007f]/.test(text)) throw new MalformedNote('the text of a note has no control characters besides newlines');
}

/** The note: its text, a blank line, one line per signature. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  assertText(text);
  const message = Buffer.from(text, 'utf8');
  const lines = signers.map((signer) => {
    assertKeyName(signer.name);
    return `${SIGNATURE_PREFIX}${signer.name} ${Buffer.concat([signer.keyId, signer.sign(message)]).toString('base64')}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

export interface NoteSignature {
  name: string;
  keyId: Buffer;
  signature: Buffer;
}

/** Splits a note into its text and signature lines, without checking any signature. */
export function openNote(note: string): { text: string; signatures: NoteSignature[] } {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new MalformedNote('a note has its text, a blank line and signature lines');
  const text = note.slice(0, split + 1);
  assertText(text);
  const block = note.slice(split + 2);
  if (!block.endsWith('\n')) throw new MalformedNote('every signature line ends with a newline');
  const signatures = block
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      const match = /^\u2014 (\S+) ([A-Za-z0-9+/]+={0,2})$/.exec(line);
      if (!match) throw new MalformedNote(`not a signature line: ${JSON.stringify(line.slice(0, 80))}`);
      const bytes = Buffer.from(match[2], 'base64');
      if (bytes.length < 5) throw new MalformedNote('a signature is a key id and a signature');
      return { name: match[1], keyId: bytes.subarray(0, 4), signature: bytes.subarray(4) };
    });
  if (signatures.length === 0) throw new MalformedNote('a note carries at least one signature');
  return { text, signatures };
}

/**
 * The names under which one of the given public keys signed the note's text; empty when none did.
 * The key name comes from the signature line and is bound by the key id, so a key given as PEM
 * (without a name) still verifies.
 */
export function verifyNote(note: string, publicKeys: readonly KeyObject[]): { text: string; signedBy: string[] } {
  const { text, signatures } = openNote(note);
  const message = Buffer.from(text, 'utf8');
  const signedBy: string[] = [];
  for (const signature of signatures) {
    if (/[\s+]/u.test(signature.name)) continue;
    for (const key of publicKeys) {
      if (!noteKeyId(signature.name, key).equals(signature.keyId)) continue;
      if (signature.signature.length === 64 && verify(null, message, key, signature.signature)) signedBy.push(signature.name);
    }
  }
  return { text, signedBy };
}
