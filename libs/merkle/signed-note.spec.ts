import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { checkpointExtension, formatCheckpoint, parseCheckpoint } from './checkpoint';
import { MalformedNote, ed25519Signer, openNote, parseVerifierKey, signNote, verifierKey, verifyNote } from './signed-note';

// The example key and note of the signed-note specification's reference implementation (Go's golang.org/x/mod/sumdb/note).
const SEED = Buffer.from('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz', 'base64').subarray(1);
const PRIVATE = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), SEED]), format: 'der', type: 'pkcs8' });
const VERIFIER = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const SIGNED = `${TEXT}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

describe('signed notes (C2SP)', () => {
  it('signs and names the key exactly as the reference implementation does', () => {
    expect(verifierKey('PeterNeumann', PRIVATE)).toBe(VERIFIER);
    expect(signNote(TEXT, [ed25519Signer('PeterNeumann', PRIVATE)])).toBe(SIGNED);
    const { name, publicKey } = parseVerifierKey(VERIFIER);
    expect(name).toBe('PeterNeumann');
    expect(verifyNote(SIGNED, [publicKey])).toEqual({ text: TEXT, signedBy: ['PeterNeumann'] });
  });

  it('finds no signature of a key when the text, the name or the signature was changed, or another key signed', () => {
    const { publicKey } = parseVerifierKey(VERIFIER);
    expect(verifyNote(SIGNED.replace('cryptography', 'cryptograph'), [publicKey]).signedBy).toEqual([]);
    expect(verifyNote(SIGNED.replace('\u2014 PeterNeumann', '\u2014 PaulNeumann'), [publicKey]).signedBy).toEqual([]);
    expect(verifyNote(SIGNED.replace('x08go/', 'x08go+'), [publicKey]).signedBy).toEqual([]);
    const other = generateKeyPairSync('ed25519');
    expect(verifyNote(SIGNED, [other.publicKey]).signedBy).toEqual([]);
    // Two signatures: each key finds its own.
    const both = signNote(TEXT, [ed25519Signer('PeterNeumann', PRIVATE), ed25519Signer('other.example/log', other.privateKey)]);
    expect(verifyNote(both, [other.publicKey]).signedBy).toEqual(['other.example/log']);
    expect(verifyNote(both, [publicKey, other.publicKey]).signedBy).toEqual(['PeterNeumann', 'other.example/log']);
  });

  it('refuses what is not a note: no signature block, a text without final newline, a key name with a space', () => {
    expect(() => openNote(TEXT)).toThrow(MalformedNote);
    expect(() => openNote(`${TEXT}\n`)).toThrow(MalformedNote);
    expect(() => openNote(`${TEXT}\nnot a signature\n`)).toThrow(/not a signature line/);
    expect(() => signNote('no newline', [ed25519Signer('k', PRIVATE)])).toThrow(MalformedNote);
    expect(() => signNote(TEXT, [ed25519Signer('two words', PRIVATE)])).toThrow(/key name/);
    expect(() => parseVerifierKey('PeterNeumann+00000000+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow(/key id/);
    expect(() => parseVerifierKey('PeterNeumann+c74f20a3')).toThrow(/verifier key is/);
  });

  it('reads back every verifier key it writes, also one whose Base64 holds a "+"', () => {
    for (let i = 0; i < 40; i++) {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      const parsed = parseVerifierKey(verifierKey('log.example/x', privateKey));
      expect(parsed.publicKey.export({ format: 'jwk' })).toEqual(publicKey.export({ format: 'jwk' }));
    }
  });
});

describe('checkpoints (C2SP tlog-checkpoint)', () => {
  const root = Buffer.alloc(32, 7);

  it('writes origin, size, base64 root hash and extension lines, and reads them back', () => {
    const text = formatCheckpoint({ origin: 'example.org/log', size: 42, rootHash: root, extensions: ['time 2025-03-31T22:00:00.000Z'] });
    expect(text).toBe(`example.org/log\n42\n${root.toString('base64')}\ntime 2025-03-31T22:00:00.000Z\n`);
    const parsed = parseCheckpoint(text);
    expect(parsed).toEqual({ origin: 'example.org/log', size: 42, rootHash: root, extensions: ['time 2025-03-31T22:00:00.000Z'] });
    expect(checkpointExtension(parsed, 'time')).toBe('2025-03-31T22:00:00.000Z');
    expect(checkpointExtension(parsed, 'reason')).toBeUndefined();
  });

  it('refuses a size with leading zeros or a sign, a root that is not 32 bytes, a missing line', () => {
    const b64 = root.toString('base64');
    expect(() => parseCheckpoint(`o\n042\n${b64}\n`)).toThrow(/tree size/);
    expect(() => parseCheckpoint(`o\n-1\n${b64}\n`)).toThrow(/tree size/);
    expect(() => parseCheckpoint(`o\n1\n${Buffer.alloc(31).toString('base64')}\n`)).toThrow(/32 bytes/);
    expect(() => parseCheckpoint(`o\n1\n`)).toThrow(MalformedNote);
    expect(() => parseCheckpoint(`o\n1\n${b64}`)).toThrow(MalformedNote);
  });
});
