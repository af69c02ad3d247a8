import { KeyObject, sign, verify } from 'node:crypto';
import { batchProofs, leafHash, noteKeyId, rootFromInclusion } from '../../merkle';
import { canonicalJson } from './canonical-json';

/**
 * The signature of one append: the application signs what it hands to es_append, per call, with
 * its Ed25519 key. Whoever can write to the database but does not hold the key can put rows into
 * es_events or change them, but cannot make a signature over them, so such rows fail
 * verification even when every hash of the audit tree was recomputed after them.
 *
 * The signature covers what the application decides: stream, tenant and, per event, id, type,
 * schema version, data, metadata and business date. What the database assigns (positions,
 * transaction, stream version, recording time) it cannot cover; those are bound by the leaf of
 * the event in the tenant's Merkle tree and by the signed checkpoints.
 *
 * Appends that are under way at the same moment are signed together: each append's content is a
 * leaf of a small Merkle tree (RFC 9162), one Ed25519 signature covers its root, and each append
 * stores the signature with its leaf index, the batch size and its audit path. An Ed25519
 * signature costs about as much CPU as the rest of an append in this process; under load one
 * covers many appends, alone an append waits no longer than the current turn of the event loop.
 *
 * Stored as `<key name> <base64(key id || signature)> <index>/<size>[ <audit path, base64,
 * comma-separated>]`: name and key id as in a signature line of a C2SP signed note, so a verifier
 * given a public key as PEM finds the key by its id.
 */
export const APPEND_SIGNATURE_FORMAT = 'sozialraum-budget/append/v1';

/** One event as the append signature covers it: the values as stored (JSON as it reads back). */
export interface SignedEventContent {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
  businessDate: string | null;
}

export interface SignedAppendContent {
  streamId: string;
  tenantId: string;
  events: SignedEventContent[];
}

/** The signed bytes: canonical JSON (keys sorted, no white space) with the format name, UTF-8. */
export function appendSignatureMessage(content: SignedAppendContent): Buffer {
  return Buffer.from(
    canonicalJson({
      format: APPEND_SIGNATURE_FORMAT,
      streamId: content.streamId,
      tenantId: content.tenantId,
      events: content.events.map((e) => ({
        eventId: e.eventId,
        type: e.type,
        schemaVersion: e.schemaVersion,
        data: e.data,
        metadata: e.metadata,
        businessDate: e.businessDate,
      })),
    }),
    'utf8',
  );
}

/** Names what a batch signature signs, so that no other signed text passes for one. */
export const APPEND_BATCH_FORMAT = 'sozialraum-budget/append-batch/v1';

/** The signed bytes of a batch: format, size and root of the tree over its appends, one line each. */
export function appendBatchMessage(size: number, root: Buffer): Buffer {
  return Buffer.from(`${APPEND_BATCH_FORMAT}\n${size}\n${root.toString('base64')}\n`, 'utf8');
}

/** The application's key as the store signs appends with it: answers the stored form. */
export interface AppendSigner {
  name: string;
  /** `othersInFlight`: appends of the same store under way besides this one, which may join its batch. */
  sign(content: SignedAppendContent, othersInFlight?: number): Promise<string>;
}

const MAX_BATCH = 256;
/** The longest an append waits for others to join its batch. */
const BATCH_WINDOW_MS = 1;

interface PendingAppend {
  leaf: Buffer;
  resolve: (stored: string) => void;
  reject: (error: unknown) => void;
}

/**
 * Signs appends in batches. An append alone is signed in the same turn of the event loop; one
 * that has others under way beside it waits until they have joined, at most BATCH_WINDOW_MS, so
 * that under load one signature covers many appends. The signature is made synchronously: node's
 * asynchronous crypto.sign (libuv's thread pool) measured twice the CPU per signature here.
 */
export function ed25519AppendSigner(name: string, privateKey: KeyObject): AppendSigner {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') throw new Error('an Ed25519 private key is needed');
  const keyId = noteKeyId(name, privateKey);
  let pending: PendingAppend[] = [];
  /** How many appends the open batch waits for. */
  let expected = 0;
  let timer: NodeJS.Timeout | null = null;
  let immediate: NodeJS.Immediate | null = null;

  const flush = () => {
    if (timer) clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
    timer = immediate = null;
    const batch = pending;
    pending = [];
    expected = 0;
    if (batch.length === 0) return;
    const { root, paths } = batchProofs(batch.map((append) => append.leaf));
    let signature: Buffer;
    try {
      signature = sign(null, appendBatchMessage(batch.length, root), privateKey);
    } catch (error) {
      for (const append of batch) append.reject(error);
      return;
    }
    const head = `${name} ${Buffer.concat([keyId, signature]).toString('base64')}`;
    batch.forEach((append, index) => {
      const path = paths[index].map((h) => h.toString('base64')).join(',');
      append.resolve(`${head} ${index}/${batch.length}${path ? ` ${path}` : ''}`);
    });
  };

  return {
    name,
    sign: (content, othersInFlight = 0) =>
      new Promise<string>((resolve, reject) => {
        pending.push({ leaf: leafHash(appendSignatureMessage(content)), resolve, reject });
        expected = Math.min(MAX_BATCH, Math.max(expected, 1 + othersInFlight));
        if (pending.length >= expected) immediate ??= setImmediate(flush);
        else timer ??= setTimeout(flush, BATCH_WINDOW_MS);
      }),
  };
}

export type AppendSignatureCheck = 'valid' | 'invalid' | 'unknown-key' | 'malformed';

const STORED = /^(\S+) ([A-Za-z0-9+/]+={0,2}) (\d{1,4})\/(\d{1,4})(?: ([A-Za-z0-9+/=,]+))?$/;

/**
 * Checks stored append signatures against the public keys an auditor was given. Key ids are
 * computed once per key name, and a batch's signature is verified once for all its appends.
 */
export class AppendSignatureVerifier {
  private readonly byName = new Map<string, Array<{ keyId: Buffer; key: KeyObject }>>();
  private readonly verified = new Map<string, boolean>();

  constructor(private readonly publicKeys: readonly KeyObject[]) {}

  check(stored: string, content: SignedAppendContent): AppendSignatureCheck {
    const match = STORED.exec(stored);
    if (!match) return 'malformed';
    const bytes = Buffer.from(match[2], 'base64');
    if (bytes.length !== 4 + 64) return 'malformed';
    const [index, size] = [Number(match[3]), Number(match[4])];
    const path = match[5] ? match[5].split(',').map((h) => Buffer.from(h, 'base64')) : [];
    if (path.some((h) => h.length !== 32)) return 'malformed';
    const keyId = bytes.subarray(0, 4);
    const key = this.keysNamed(match[1]).find((k) => k.keyId.equals(keyId))?.key;
    if (!key) return 'unknown-key';
    const root = rootFromInclusion(leafHash(appendSignatureMessage(content)), index, size, path);
    if (!root) return 'invalid';
    const known = `${match[2]} ${size} ${root.toString('base64')}`;
    let valid = this.verified.get(known);
    if (valid === undefined) {
      valid = verify(null, appendBatchMessage(size, root), key, bytes.subarray(4));
      // Batches lie close together in the log: a bounded memory of the latest is enough.
      if (this.verified.size >= 4096) this.verified.clear();
      this.verified.set(known, valid);
    }
    return valid ? 'valid' : 'invalid';
  }

  private keysNamed(name: string): Array<{ keyId: Buffer; key: KeyObject }> {
    let keys = this.byName.get(name);
    if (!keys) {
      keys = /[\s+]/u.test(name) ? [] : this.publicKeys.map((key) => ({ keyId: noteKeyId(name, key), key }));
      this.byName.set(name, keys);
    }
    return keys;
  }
}
