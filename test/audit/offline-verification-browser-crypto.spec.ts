import { KeyObject, createHash, generateKeyPairSync, sign } from 'node:crypto';
import { OfflineReport, verifyOffline } from '../../libs/event-store/audit/offline-verification';
import { createTestDatabase, TestDatabase } from '../support/test-server';
import { AuditLog, linesOf, testKey } from './audit-log-fixture';

type Shim = typeof import('../../apps/web/verifier/node-crypto');
type Verifier = typeof import('../../libs/event-store/audit/offline-verification');
type KeyFiles = typeof import('../../libs/event-store/audit/public-key-file');

const TENANT = 'HRO-JA';

/**
 * The auditor's browser runs the command line's verifier with apps/web/verifier/node-crypto.ts in
 * place of Node's crypto. Here both run over the same real export: the verifier's modules are
 * loaded a second time with node:crypto mapped to that module, and every report must be the one
 * Node's crypto gives, for an untouched log and for tampered ones.
 */
describe("the browser's crypto for the offline verification", () => {
  let shim: Shim;
  let browserVerifier: Verifier;
  let browserKeys: KeyFiles;
  /** Calls of the browser's module by the verifier loaded with it: proof that it, not Node's crypto, did the work. */
  const calls = { createHash: 0, verify: 0 };

  beforeAll(() => {
    shim = jest.requireActual('../../apps/web/verifier/node-crypto');
    jest.isolateModules(() => {
      jest.doMock('node:crypto', () => ({
        ...shim,
        createHash: (algorithm: string) => (calls.createHash++, shim.createHash(algorithm)),
        verify: (...args: Parameters<Shim['verify']>) => (calls.verify++, shim.verify(...args)),
      }));
      browserVerifier = jest.requireActual('../../libs/event-store/audit/offline-verification');
      browserKeys = jest.requireActual('../../libs/event-store/audit/public-key-file');
    });
    expect(browserVerifier.verifyOffline).not.toBe(verifyOffline);
  });

  it('hashes as SHA-256 does, in pieces and whole', () => {
    for (const size of [0, 1, 55, 56, 63, 64, 65, 1000, 100_000]) {
      const data = Buffer.alloc(size, size % 251);
      const expected = createHash('sha256').update(data).digest();
      expect(shim.createHash('sha256').update(data).digest().equals(expected)).toBe(true);
      const half = Math.floor(size / 2);
      expect(shim.createHash('sha256').update(data.subarray(0, half)).update(data.subarray(half)).digest('hex')).toBe(expected.toString('hex'));
    }
    expect(shim.createHash('sha256').update('Sozialraum Toitenwinkel – Träger').digest('base64')).toBe(
      createHash('sha256').update('Sozialraum Toitenwinkel – Träger').digest('base64'),
    );
    expect(() => shim.createHash('md5')).toThrow('only SHA-256');
  });

  it("reads Node's public keys and accepts exactly the signatures Node accepts", () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const key = shim.createPublicKey(pem);
    expect(key.export({ format: 'pem', type: 'spki' })).toBe(pem);
    expect(shim.createPublicKey({ key: publicKey.export({ format: 'der', type: 'spki' }), format: 'der', type: 'spki' }).keyBytes).toEqual(key.keyBytes);

    const message = Buffer.from('sozialraum-budget/append-batch/v1\n3\n', 'utf8');
    const signature = sign(null, message, privateKey);
    expect(shim.verify(null, message, key, signature)).toBe(true);
    const flipped = Buffer.from(signature);
    flipped[10] ^= 1;
    expect(shim.verify(null, message, key, flipped)).toBe(false);
    expect(shim.verify(null, Buffer.concat([message, Buffer.from('x')]), key, signature)).toBe(false);
    // S + L is the same signature to a lenient verifier; RFC 8032 (and OpenSSL) refuse it.
    const L = (1n << 252n) + 27742317777372353535851937790883648493n;
    const s = BigInt(`0x${Buffer.from(signature.subarray(32)).reverse().toString('hex')}`) + L;
    const malleable = Buffer.concat([signature.subarray(0, 32), Buffer.from(s.toString(16).padStart(64, '0'), 'hex').reverse()]);
    expect(shim.verify(null, message, key, malleable)).toBe(false);
    expect(shim.verify(null, message, key, signature.subarray(0, 63))).toBe(false);

    const other = generateKeyPairSync('x25519').publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(() => shim.createPublicKey(other)).toThrow('not an Ed25519 public key');
    expect(() => shim.sign()).toThrow('holds no private key');
  });

  describe('over a real export', () => {
    let database: TestDatabase;
    let log: AuditLog;
    let publicKey: KeyObject;
    let checkpoints: unknown;
    let untouched: string[];

    const both = async (lines: string[]): Promise<[OfflineReport, OfflineReport]> => {
      const files = [{ name: 'pruefpunkte.json', content: checkpoints }];
      const pem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
      const node = await verifyOffline({ lines: linesOf(lines), checkpoints: files, publicKeys: [publicKey] });
      const browser = await browserVerifier.verifyOffline({
        lines: linesOf(lines),
        checkpoints: files,
        publicKeys: browserKeys.publicKeysOfFile('pruefschluessel.pem', pem),
      });
      return [node, browser];
    };

    beforeAll(async () => {
      database = await createTestDatabase();
      const signing = testKey();
      publicKey = signing.publicKey;
      log = new AuditLog(database.url, signing.key);
      for (let i = 0; i < 12; i++) {
        await log.append(TENANT, i % 2 ? `${TENANT}/case/TW-25-001` : `${TENANT}/budget/HRO-TW/2025`, 'BudgetAmended', { amount: `${i}0.00` });
      }
      await log.drain();
      for (const size of [5, 12]) await log.sign(TENANT, size);
      await log.drain();
      checkpoints = await log.checkpointFile(TENANT);
      untouched = await log.exportLines(TENANT);
    }, 120_000);

    afterAll(async () => {
      await log?.close();
      await database?.drop();
    });

    it('gives the same report as Node for the untouched log: every signature and root verified', async () => {
      const before = { ...calls };
      const [node, browser] = await both(untouched);
      expect(calls.createHash - before.createHash).toBeGreaterThan(untouched.length);
      expect(calls.verify - before.verify).toBe(node.appendSignatures.verifiedAppends + node.checkpoints.length);
      expect(node.ok).toBe(true);
      expect(node.appendSignatures.verifiedAppends).toBe(14);
      expect(browser).toEqual(node);
    });

    it('gives the same findings as Node for a changed amount and for a deleted event', async () => {
      const changed = [...untouched];
      changed[3] = changed[3].replace('"amount":"30.00"', '"amount":"3000.00"');
      expect(changed[3]).not.toBe(untouched[3]);
      const [node, browser] = await both(changed);
      expect(node.ok).toBe(false);
      expect(node.firstMismatch).toMatchObject({ leafIndex: 3, exact: true });
      expect(browser).toEqual(node);

      const [nodeGone, browserGone] = await both(untouched.filter((_, i) => i !== 7));
      expect(nodeGone.firstMismatch).toMatchObject({ leafIndex: 7, exact: true });
      expect(browserGone).toEqual(nodeGone);
    });
  });
});
