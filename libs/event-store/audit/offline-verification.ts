import { KeyObject } from 'node:crypto';
import { MalformedNote, MemoryTree, leafHash, verifyConsistency } from '../../merkle';
import { CHECKPOINT_EVENT, openCheckpointNote } from './checkpoint-note';
import { AuditRecord, auditLeafHash } from './audit-record';
import { AppendSignatureVerifier, SignedEventContent } from './append-signature';

/**
 * Verifies an export of a tenant's log against signed checkpoints with nothing but the export, the
 * checkpoint files and the public key: no database, no secret. It recomputes every leaf from the
 * columns in the export and the tree from the leaves, checks every signature, every root against
 * the tree of its size and the consistency of successive checkpoints, and names the first
 * position that does not fit.
 *
 * Two kinds of findings. Exact ones come from a line itself: it does not match the leaf hash the
 * system recorded for it when it was appended, leaf indexes jump (an event gone) or repeat (one
 * put in), commit order or a stream's versions break. A signed root that the export does not
 * reproduce is proof that the first N events changed after signing, but by itself only locates the
 * change between the last checkpoint that still fits and that one. When the recorded leaf hashes
 * are put back at the exact findings and the root fits again, the findings account for all of it.
 *
 * Each append is signed by the application's key (append-signature.ts): consecutive lines of one
 * transaction and stream with the same signature are one append, and their signature must verify
 * with a given key. A row written or changed by someone without the key fails there, even when the
 * tree was rebuilt after it and no checkpoint covers it yet. Lines without a signature are accepted
 * only before the first signed one (rows stored before appends were signed).
 */

export interface Finding {
  /** 0-based index of the leaf in the tenant's tree (the line of the export). */
  leafIndex: number;
  /** Log position of the event at that leaf, when the export holds it. */
  position: string | null;
  /** True when the leaf itself is shown not to fit; false when only a range is known to hold a change. */
  exact: boolean;
  /** For a range: the last leaf it covers. */
  untilLeafIndex?: number;
  message: string;
}

export interface CheckpointSummary {
  treeSize: number;
  rootHash: string;
  signedAt: string | null;
  signedBy: string[];
  /**
   * fits: the export reproduces its root; differs: it does not; beyond: it covers more events than
   * the export holds; unsigned: no valid signature of the given keys; other-log: signed, but of
   * another log than the export's.
   */
  result: 'fits' | 'differs' | 'beyond' | 'unsigned' | 'other-log';
  source: string;
}

export interface OfflineReport {
  ok: boolean;
  tenantId: string | null;
  origin: string | null;
  events: number;
  /** Root of the tree the export makes (base64). */
  rootHash: string;
  checkpoints: CheckpointSummary[];
  firstMismatch: Finding | null;
  /** All findings, in leaf order (at most MAX_FINDINGS, the rest counted). */
  findings: Finding[];
  moreFindings: number;
  /** Findings that concern no position (a checkpoint of another log, a broken file). */
  problems: string[];
  /** True when putting the recorded leaf hashes back at the exact findings makes every signed root fit. */
  findingsAccountForCheckpoints: boolean;
  /** Events of the export that the biggest fitting checkpoint covers; the rest are newer than any checkpoint given. */
  coveredEvents: number;
  appendSignatures: {
    /** Appends (groups of lines under one signature) whose signature verified with a given key. */
    verifiedAppends: number;
    /** Events under a verified signature. */
    signedEvents: number;
    /** Events before the first signed one: stored before appends were signed. */
    unsignedBeforeSigning: number;
  };
}

export interface CheckpointSource {
  /** Where it came from, for the report (a file name). */
  name: string;
  /** The parsed JSON: a checkpoint file, a page of GET /audit/checkpoints, or an array of notes. */
  content: unknown;
}

const MAX_FINDINGS = 200;

interface NoteEntry {
  note: string;
  source: string;
  /** Consistency proof from the entry before it in the same file. */
  proof: string[] | null;
  previous: string | null;
}

/** The notes of a checkpoint file, in the file's order, each with the proof from the one before. */
function notesOf(source: CheckpointSource, problems: string[]): NoteEntry[] {
  const content = source.content as Record<string, unknown> | unknown[];
  const list = Array.isArray(content)
    ? content
    : Array.isArray(content?.checkpoints)
      ? content.checkpoints
      : Array.isArray(content?.items)
        ? content.items
        : null;
  if (!list) {
    problems.push(`${source.name} holds no checkpoints (a list, or an object with "checkpoints" or "items")`);
    return [];
  }
  const entries: NoteEntry[] = [];
  list.forEach((item, i) => {
    const note = typeof item === 'string' ? item : (item as { note?: unknown })?.note;
    if (typeof note !== 'string') {
      problems.push(`${source.name}, entry ${i + 1}: no signed note`);
      return;
    }
    const proof = (item as { consistencyWithPrevious?: unknown })?.consistencyWithPrevious;
    entries.push({
      note,
      source: `${source.name}, entry ${i + 1}`,
      proof: Array.isArray(proof) && proof.every((h) => typeof h === 'string') ? (proof as string[]) : null,
      previous: entries.length ? entries[entries.length - 1].note : null,
    });
  });
  return entries;
}

const DIGITS = /^\d{1,19}$/;

/** The record of an export line, or what is wrong with it. */
function recordOf(line: Record<string, unknown>): AuditRecord | string {
  const { position, transactionId, eventId, streamId, streamVersion, tenantId, type, schemaVersion, data, metadata, businessDate, recordedAt } = line;
  if (typeof position !== 'string' || !DIGITS.test(position)) return 'position is not a log position';
  if (typeof transactionId !== 'string' || !DIGITS.test(transactionId)) return 'transactionId is missing';
  if (typeof eventId !== 'string') return 'eventId is missing';
  if (typeof streamId !== 'string') return 'streamId is missing';
  if (!Number.isSafeInteger(streamVersion)) return 'streamVersion is not a whole number';
  if (typeof tenantId !== 'string') return 'tenantId is missing';
  if (typeof type !== 'string') return 'type is missing';
  if (!Number.isSafeInteger(schemaVersion)) return 'schemaVersion is not a whole number';
  if (!('data' in line)) return 'data is missing';
  if (!metadata || typeof metadata !== 'object' || Array.isArray(metadata)) return 'metadata is missing';
  if (businessDate !== null && typeof businessDate !== 'string') return 'businessDate is neither a date nor null';
  if (typeof recordedAt !== 'string') return 'recordedAt is missing';
  const appendSignature = line.appendSignature ?? null;
  if (appendSignature !== null && typeof appendSignature !== 'string') return 'appendSignature is neither a signature nor null';
  return {
    position,
    transactionId,
    eventId,
    streamId,
    streamVersion: streamVersion as number,
    tenantId,
    type,
    schemaVersion: schemaVersion as number,
    data,
    metadata,
    businessDate: businessDate as string | null,
    recordedAt,
    appendSignature,
  };
}

/** Lines of one append: one transaction, one stream, one signature. */
interface AppendGroup {
  transactionId: string;
  streamId: string;
  tenantId: string;
  signature: string;
  firstLeaf: number;
  positions: string[];
  events: SignedEventContent[];
}

const eventsAt = (positions: string[]) =>
  positions.length === 1
    ? `the event at position ${positions[0]} does`
    : `the ${positions.length} events at positions ${positions[0]} to ${positions[positions.length - 1]} do`;

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Fields of a line shown to readers must say what its metadata says, or a reader sees something the leaf does not commit to. */
function derivedFieldsDiffer(line: Record<string, unknown>, record: AuditRecord): string | null {
  const metadata = record.metadata as Record<string, unknown>;
  if (metadata.tenantId !== record.tenantId) return 'its metadata names another tenant than its tenant column';
  if ((metadata.businessDate ?? null) !== record.businessDate) return 'its business date column and its metadata differ';
  if ('actor' in line && !sameJson(line.actor, metadata.actor)) return 'the actor shown differs from its metadata';
  if ('correlationId' in line && line.correlationId !== metadata.correlationId) return 'the correlation id shown differs from its metadata';
  if ('causationId' in line && line.causationId !== (metadata.causationId ?? null)) return 'the causation id shown differs from its metadata';
  return null;
}

export async function verifyOffline(input: { lines: AsyncIterable<string>; checkpoints: CheckpointSource[]; publicKeys: KeyObject[] }): Promise<OfflineReport> {
  const problems: string[] = [];
  const findings: Finding[] = [];
  const exact = (leafIndex: number, position: string | null, message: string) => findings.push({ leafIndex, position, exact: true, message });

  const entries = input.checkpoints.flatMap((source) => notesOf(source, problems));
  const tree = new MemoryTree();
  /** The leaf hash recorded for a line that does not match it, by leaf index: put back, does the tree fit? */
  const recordedLeaves = new Map<number, Buffer>();
  let repairable = true;
  const positions: string[] = [];
  let tenantId: string | null = null;
  let previousOrder: { transactionId: bigint; position: bigint } | null = null;
  const streamVersions = new Map<string, number>();
  let indexShift = 0;
  let firstUnindexed: { leafIndex: number; position: string } | null = null;

  const signatures = new AppendSignatureVerifier(input.publicKeys);
  const appendSignatures = { verifiedAppends: 0, signedEvents: 0, unsignedBeforeSigning: 0 };
  let signingSeen = false;
  let group: AppendGroup | null = null;
  const closeGroup = () => {
    if (!group) return;
    const check = signatures.check(group.signature, { streamId: group.streamId, tenantId: group.tenantId, events: group.events });
    const where = eventsAt(group.positions);
    if (check === 'valid') {
      appendSignatures.verifiedAppends++;
      appendSignatures.signedEvents += group.events.length;
    } else if (check === 'unknown-key') {
      exact(
        group.firstLeaf,
        group.positions[0],
        `${where} not carry an append signature of a given key (it names ${group.signature.split(' ')[0]}): nothing vouches that the application wrote it`,
      );
    } else {
      exact(group.firstLeaf, group.positions[0], `${where} not carry a valid signature of the application's key: written or changed outside the application`);
    }
    group = null;
  };
  const takeSignature = (leafIndex: number, record: AuditRecord) => {
    const continues = group && record.appendSignature === group.signature && record.transactionId === group.transactionId && record.streamId === group.streamId;
    if (!continues) closeGroup();
    if (record.appendSignature === null) {
      if (!signingSeen) appendSignatures.unsignedBeforeSigning++;
      else
        exact(
          leafIndex,
          record.position,
          `position ${record.position} carries no append signature although the events before it do: it was written past the application, directly into the database`,
        );
      return;
    }
    signingSeen = true;
    group ??= {
      transactionId: record.transactionId,
      streamId: record.streamId,
      tenantId: record.tenantId,
      signature: record.appendSignature,
      firstLeaf: leafIndex,
      positions: [],
      events: [],
    };
    group.positions.push(record.position);
    group.events.push({
      eventId: record.eventId,
      type: record.type,
      schemaVersion: record.schemaVersion,
      data: record.data,
      metadata: record.metadata,
      businessDate: record.businessDate,
    });
  };

  let lineNumber = 0;
  for await (const raw of input.lines) {
    lineNumber++;
    if (raw.trim() === '') continue;
    const leafIndex = tree.size;
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(raw);
      if (!line || typeof line !== 'object' || Array.isArray(line)) throw new Error('not an object');
    } catch {
      exact(leafIndex, null, `line ${lineNumber} is not a JSON object`);
      tree.append(leafHash(Buffer.from(raw, 'utf8')));
      positions.push('');
      repairable = false;
      continue;
    }
    const record = recordOf(line);
    if (typeof record === 'string') {
      const position = typeof line.position === 'string' ? line.position : null;
      exact(leafIndex, position, `line ${lineNumber} is not an event of an export: ${record}`);
      tree.append(leafHash(Buffer.from(raw, 'utf8')));
      positions.push(position ?? '');
      repairable = false;
      continue;
    }
    const at = record.position;
    // The leaf index and hash the system recorded when it appended the event: hints, not evidence.
    const recordedIndex = typeof line.leafIndex === 'string' && DIGITS.test(line.leafIndex) ? Number(line.leafIndex) : null;
    if (recordedIndex === null) {
      firstUnindexed ??= { leafIndex, position: at };
    } else {
      if (firstUnindexed) {
        exact(
          firstUnindexed.leafIndex,
          firstUnindexed.position,
          `position ${firstUnindexed.position} is not in the tree although later events are: it was put into the log after the fact`,
        );
        firstUnindexed = null;
        repairable = false;
      }
      if (recordedIndex - leafIndex !== indexShift) {
        const jump = recordedIndex - leafIndex - indexShift;
        const after = positions.length ? `after position ${positions[positions.length - 1]} ` : '';
        exact(
          leafIndex,
          at,
          jump > 0
            ? `position ${at} is leaf ${recordedIndex} of the tree but leaf ${leafIndex} of the export: ${jump} event(s) ${after}are missing`
            : `position ${at} is leaf ${recordedIndex} of the tree but leaf ${leafIndex} of the export: ${-jump} event(s) ${after}were put in or moved`,
        );
        indexShift = recordedIndex - leafIndex;
        repairable = false;
      }
    }
    const hash = auditLeafHash(record);
    const recordedHash = typeof line.leafHash === 'string' ? Buffer.from(line.leafHash, 'base64') : null;
    if (recordedHash && recordedHash.length === 32 && !recordedHash.equals(hash)) {
      exact(leafIndex, at, `position ${at} does not match the leaf the system recorded when it was appended: a column of it was changed afterwards`);
      recordedLeaves.set(leafIndex, recordedHash);
    }
    tenantId ??= record.tenantId;
    if (record.tenantId !== tenantId) exact(leafIndex, at, `position ${at} belongs to tenant ${record.tenantId}, the export to ${tenantId}`);
    if (!record.streamId.startsWith(`${record.tenantId}/`))
      exact(leafIndex, at, `position ${at} is in stream ${record.streamId}, which is not one of tenant ${record.tenantId}`);
    const differs = derivedFieldsDiffer(line, record);
    if (differs) exact(leafIndex, at, `position ${at}: ${differs}`);

    const order = { transactionId: BigInt(record.transactionId), position: BigInt(record.position) };
    if (
      previousOrder &&
      (order.transactionId < previousOrder.transactionId || (order.transactionId === previousOrder.transactionId && order.position <= previousOrder.position))
    ) {
      exact(leafIndex, at, `position ${at} is out of commit order: it comes after position ${previousOrder.position} but was committed before it`);
    }
    previousOrder = order;

    const expectedVersion = (streamVersions.get(record.streamId) ?? 0) + 1;
    if (record.streamVersion !== expectedVersion) {
      exact(
        leafIndex,
        at,
        record.streamVersion > expectedVersion
          ? `position ${at} is version ${record.streamVersion} of ${record.streamId}, whose version ${expectedVersion} is missing`
          : `position ${at} is version ${record.streamVersion} of ${record.streamId} again, after version ${expectedVersion - 1}`,
      );
    }
    streamVersions.set(record.streamId, Math.max(record.streamVersion, streamVersions.get(record.streamId) ?? 0));
    takeSignature(leafIndex, record);

    tree.append(hash);
    positions.push(at);

    if (record.type === CHECKPOINT_EVENT && typeof (record.data as { note?: unknown })?.note === 'string') {
      entries.push({ note: (record.data as { note: string }).note, source: `the export, position ${at}`, proof: null, previous: null });
    }
  }

  closeGroup();

  const size = tree.size;
  const positionAt = (leafIndex: number) => (leafIndex < positions.length && positions[leafIndex] ? positions[leafIndex] : null);

  // Every note once, however many files carry it.
  const seen = new Map<string, { treeSize: number; rootHash: Buffer; summary: CheckpointSummary }>();
  let origin: string | null = null;
  for (const entry of entries) {
    if (seen.has(entry.note)) continue;
    let opened: ReturnType<typeof openCheckpointNote>;
    try {
      opened = openCheckpointNote(entry.note, input.publicKeys);
    } catch (error) {
      if (!(error instanceof MalformedNote)) throw error;
      problems.push(`${entry.source} is not a signed checkpoint: ${error.message}`);
      continue;
    }
    const summary: CheckpointSummary = {
      treeSize: opened.size,
      rootHash: opened.rootHash.toString('base64'),
      signedAt: opened.signedAt,
      signedBy: opened.signedBy,
      result: opened.signedBy.length ? (opened.size > size ? 'beyond' : tree.root(opened.size).equals(opened.rootHash) ? 'fits' : 'differs') : 'unsigned',
      source: entry.source,
    };
    seen.set(entry.note, { treeSize: opened.size, rootHash: opened.rootHash, summary });
    if (!opened.signedBy.length) {
      problems.push(`checkpoint of size ${opened.size} (${entry.source}) carries no valid signature of the given key: it was forged or changed`);
      continue;
    }
    // The export's log is the tenant's; without a tenant (an empty export) the first checkpoint names it.
    const ofThisLog = tenantId
      ? opened.origin.endsWith(`/${tenantId}`) && (origin ?? opened.origin) === opened.origin
      : (origin ?? opened.origin) === opened.origin;
    if (!ofThisLog) {
      summary.result = 'other-log';
      problems.push(`checkpoint of size ${opened.size} (${entry.source}) is of the log ${opened.origin}, the export of ${origin ?? `tenant ${tenantId}`}`);
      continue;
    }
    origin ??= opened.origin;
  }
  const signed = [...seen.values()].filter((c) => c.summary.signedBy.length && c.summary.result !== 'other-log').sort((a, b) => a.treeSize - b.treeSize);

  for (const entry of entries) {
    if (!entry.proof || !entry.previous) continue;
    const [from, to] = [seen.get(entry.previous), seen.get(entry.note)];
    if (!from?.summary.signedBy.length || !to?.summary.signedBy.length) continue;
    const proof = entry.proof.map((h) => Buffer.from(h, 'base64'));
    if (from.treeSize <= to.treeSize && !verifyConsistency(from.treeSize, to.treeSize, from.rootHash, to.rootHash, proof)) {
      problems.push(`${entry.source}: the consistency proof from the checkpoint of size ${from.treeSize} to that of size ${to.treeSize} does not hold`);
    }
  }

  // Two signed roots for one size, or a bigger checkpoint that no longer extends a smaller one: the history was rewritten between the two signatures.
  for (let i = 1; i < signed.length; i++) {
    const [a, b] = [signed[i - 1], signed[i]];
    if (a.treeSize === b.treeSize && !a.rootHash.equals(b.rootHash)) {
      problems.push(
        `two signed checkpoints of size ${a.treeSize} state different roots (signed ${a.summary.signedAt} and ${b.summary.signedAt}): the log was rewritten between them`,
      );
    }
  }
  const latestFitting = [...signed].reverse().find((c) => c.summary.result === 'fits');
  const rolledBack = latestFitting && signed.find((c) => c.treeSize < latestFitting.treeSize && c.summary.result === 'differs');
  if (latestFitting && rolledBack) {
    problems.push(
      `the checkpoint of size ${latestFitting.treeSize} (signed ${latestFitting.summary.signedAt}) fits the export, the smaller one of size ${rolledBack.treeSize} (signed ${rolledBack.summary.signedAt}) does not: the two are not consistent, the log was rolled back behind a checkpoint already handed out and written anew`,
    );
  }
  if (signed.length === 0) problems.push('no checkpoint carries a valid signature of the given key: nothing in the export is vouched for');

  const ranges: Finding[] = [];
  for (const checkpoint of signed) {
    if (checkpoint.summary.result === 'beyond') {
      // The smallest such checkpoint says it all: the events from the end of the export on are gone.
      if (findings.some((f) => f.leafIndex === size && f.exact && f.message.startsWith('the checkpoint of size'))) continue;
      findings.push({
        leafIndex: size,
        position: null,
        exact: true,
        message: `the checkpoint of size ${checkpoint.treeSize} (signed ${checkpoint.summary.signedAt}) covers ${checkpoint.treeSize} events, the export holds ${size}: the events after ${positionAt(size - 1) ? `position ${positionAt(size - 1)}` : 'the start'} are missing (the log was cut or rolled back behind a checkpoint handed out)`,
      });
    } else if (checkpoint.summary.result === 'differs') {
      const fitting = signed.filter((c) => c.treeSize < checkpoint.treeSize && c.summary.result === 'fits').map((c) => c.treeSize);
      const from = fitting.length ? Math.max(...fitting) : 0;
      const range = `${positionAt(from) ?? `leaf ${from}`} to ${positionAt(checkpoint.treeSize - 1) ?? `leaf ${checkpoint.treeSize - 1}`}`;
      ranges.push({
        leafIndex: from,
        position: positionAt(from),
        exact: false,
        untilLeafIndex: checkpoint.treeSize - 1,
        message: `the export does not fit the checkpoint of size ${checkpoint.treeSize} signed ${checkpoint.summary.signedAt}: the events up to it were changed after it was signed, the first change lies between positions ${range} (leaves ${from} to ${checkpoint.treeSize - 1})${from ? `; the checkpoint of size ${from} still fits` : ''}`,
      });
    }
  }
  findings.push(...ranges);
  findings.sort((a, b) => a.leafIndex - b.leafIndex || Number(b.exact) - Number(a.exact));

  // The first exact finding names the position when it lies in the first range a signed root leaves open (or before it).
  const firstExact = findings.find((f) => f.exact) ?? null;
  const firstRange = ranges.sort((a, b) => a.leafIndex - b.leafIndex)[0] ?? null;
  const firstMismatch =
    firstExact && (!firstRange || firstExact.leafIndex <= (firstRange.untilLeafIndex ?? firstRange.leafIndex)) ? firstExact : (firstRange ?? firstExact);

  // Built only when lines differ from their recorded leaves: an untouched export is hashed once.
  let findingsAccountForCheckpoints = false;
  if (repairable && recordedLeaves.size > 0 && signed.some((c) => c.summary.result === 'differs')) {
    const repaired = new MemoryTree();
    for (let i = 0; i < size; i++) repaired.append(recordedLeaves.get(i) ?? tree.leaf(i));
    findingsAccountForCheckpoints = signed.every((c) => c.summary.result === 'beyond' || repaired.root(c.treeSize).equals(c.rootHash));
  }
  for (const range of ranges) {
    if (findingsAccountForCheckpoints) range.message += '; the changed lines found above account for all of it';
  }

  return {
    ok: findings.length === 0 && problems.length === 0,
    tenantId,
    origin,
    events: size,
    rootHash: tree.root().toString('base64'),
    checkpoints: [...seen.values()].map((c) => c.summary).sort((a, b) => a.treeSize - b.treeSize),
    firstMismatch,
    findings: findings.slice(0, MAX_FINDINGS),
    moreFindings: Math.max(0, findings.length - MAX_FINDINGS),
    problems,
    findingsAccountForCheckpoints,
    coveredEvents: latestFitting?.treeSize ?? 0,
    appendSignatures,
  };
}
