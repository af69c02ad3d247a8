import { createHash, generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { MemoryTree, ed25519Signer, formatCheckpoint, signNote } from '../../libs/merkle';
import { AuditRecord, auditLeafHash } from '../../libs/event-store/audit/audit-record';
import { verifyOffline } from '../../libs/event-store/audit/offline-verification';
import { ed25519AppendSigner } from '../../libs/event-store/audit/append-signature';
import { printTable } from './bench-support';

/**
 * `npm run audit -- verify-offline` over an export of BENCH_EVENTS events (default 1,000,000) of
 * one tenant, with a signed checkpoint every BENCH_CHECKPOINT_EVERY events (default 10,000), each
 * with its consistency proof from the one before: what the Rechnungsprüfung runs on its own
 * machine. The export is written to a temporary file first, lines shaped as GET /audit/export
 * writes them (case and budget events with amounts, metadata with actor, correlation, causation,
 * business date and command id; each event its own append, eight appends under one batch
 * signature as under load); only the verification is timed.
 */
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const CHECKPOINT_EVERY = Number(process.env.BENCH_CHECKPOINT_EVERY ?? 10_000);
const TENANT = 'HRO-JA';
const ORIGIN = 'bench.example/audit';
/** Appends under one batch signature (the application batches the appends under way at once). */
const APPENDS_PER_SIGNATURE = Number(process.env.BENCH_APPENDS_PER_SIGNATURE ?? 8);

const versions = new Map<string, number>();

function recordAt(i: number): AuditRecord {
  const caseEvent = i % 3 !== 0;
  const streamId = caseEvent ? `${TENANT}/case/TW-25-${String(i % 5000).padStart(4, '0')}` : `${TENANT}/budget/HRO-TW/2025`;
  const day = String((i % 28) + 1).padStart(2, '0');
  const month = String((i % 12) + 1).padStart(2, '0');
  const streamVersion = (versions.get(streamId) ?? 0) + 1;
  versions.set(streamId, streamVersion);
  return {
    position: String(1000 + i * 2),
    transactionId: String(5000 + i * 3),
    eventId: createHash('sha1')
      .update(String(i))
      .digest('hex')
      .replace(/^(.{8})(.{4}).(.{3}).(.{3})(.{12}).*$/, '$1-$2-4$3-8$4-$5'),
    streamId,
    streamVersion,
    tenantId: TENANT,
    type: caseEvent ? 'InvoiceVerified' : 'BudgetAmended',
    schemaVersion: 1,
    data: caseEvent
      ? {
          invoiceId: `TW-25-${i % 5000}-B1-R${i}`,
          amount: `${(i % 9000) + 100}.50`,
          verifiedBy: 'wiju-2',
          period: { from: `2025-${month}-01`, to: `2025-${month}-${day}` },
        }
      : { category: 'FU', amount: `${i % 7000}.00`, reason: 'Nachtragshaushalt', decisionReference: `BV 2025/${i}` },
    metadata: {
      tenantId: TENANT,
      actor: { userId: caseEvent ? 'wiju-2' : 'controller-1', role: caseEvent ? 'wiju' : 'controller', organisationId: TENANT },
      correlationId: `c-${i}`,
      causationId: i % 2 ? `e-${i - 1}` : null,
      businessDate: `2025-${month}-${day}`,
      commandId: `cmd-${i}`,
    },
    businessDate: `2025-${month}-${day}`,
    recordedAt: `2025-${month}-${day}T10:${String(i % 60).padStart(2, '0')}:00.${String(i % 1_000_000).padStart(6, '0')}Z`,
    appendSignature: null,
  };
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'sozialraum-verify-bench-'));
  const exportPath = join(folder, 'events.ndjson');
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const signer = ed25519Signer(ORIGIN, privateKey);
  const appendSigner = ed25519AppendSigner(ORIGIN, privateKey);
  try {
    // The export and the checkpoints as the system would have written them.
    const tree = new MemoryTree();
    const out = createWriteStream(exportPath, { encoding: 'utf8' });
    const checkpoints: Array<{ treeSize: number; note: string; consistencyWithPrevious: string[] | null }> = [];
    let signed: AuditRecord[] = [];
    for (let i = 0; i < EVENTS; i++) {
      // Every event its own append, signed as the application signs appends under way together.
      if (signed.length === 0) {
        const chunk = Array.from({ length: Math.min(APPENDS_PER_SIGNATURE, EVENTS - i) }, (_, k) => recordAt(i + k));
        const stored = await Promise.all(chunk.map((r) => appendSigner.sign({ streamId: r.streamId, tenantId: r.tenantId, events: [r] })));
        chunk.forEach((r, k) => (r.appendSignature = stored[k]));
        signed = chunk;
      }
      const record = signed.shift()!;
      const leaf = auditLeafHash(record);
      tree.append(leaf);
      const meta = record.metadata as { actor: unknown; correlationId: string; causationId: string | null };
      const line = JSON.stringify({
        ...record,
        actor: meta.actor,
        correlationId: meta.correlationId,
        causationId: meta.causationId,
        eventHash: createHash('sha256').update(leaf).digest('hex'),
        chainIndex: String(i + 1),
        leafIndex: String(i),
        leafHash: leaf.toString('base64'),
      });
      if (!out.write(`${line}\n`)) await once(out, 'drain');
      if ((i + 1) % CHECKPOINT_EVERY === 0 || i === EVENTS - 1) {
        const size = i + 1;
        const previous = checkpoints[checkpoints.length - 1];
        const text = formatCheckpoint({
          origin: `${ORIGIN}/${TENANT}`,
          size,
          rootHash: tree.root(size),
          extensions: [`time 2025-12-31T00:00:00.000Z`, 'occasion interval'],
        });
        checkpoints.push({
          treeSize: size,
          note: signNote(text, [signer]),
          consistencyWithPrevious: previous ? tree.consistencyProof(previous.treeSize, size).map((h) => h.toString('base64')) : null,
        });
      }
    }
    await new Promise<void>((resolve, reject) => {
      out.once('error', reject);
      out.end(resolve);
    });
    const file = { format: 'sozialraum-budget/audit-checkpoints/v1', tenantId: TENANT, origin: `${ORIGIN}/${TENANT}`, checkpoints };

    // Baseline in the same process: read the export line by line, parse it and hash the line, the
    // least any verifier of this file has to do.
    const baselineStart = performance.now();
    let baselineLines = 0;
    for await (const line of createInterface({ input: createReadStream(exportPath, { encoding: 'utf8', highWaterMark: 1 << 20 }), crlfDelay: Infinity })) {
      if (!line) continue;
      JSON.parse(line);
      createHash('sha256').update(line).digest();
      baselineLines++;
    }
    const baselineMs = performance.now() - baselineStart;
    if (baselineLines !== EVENTS) throw new Error(`baseline read ${baselineLines} lines`);

    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    const start = performance.now();
    const input = createReadStream(exportPath, { encoding: 'utf8', highWaterMark: 1 << 20 });
    const report = await verifyOffline({
      lines: createInterface({ input, crlfDelay: Infinity }),
      checkpoints: [{ name: 'cp.json', content: file }],
      publicKeys: [publicKey],
    });
    const ms = performance.now() - start;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (!report.ok || report.events !== EVENTS || report.coveredEvents !== EVENTS || report.appendSignatures.signedEvents !== EVENTS)
      throw new Error(`the untouched export did not verify: ${JSON.stringify(report).slice(0, 500)}`);

    printTable(`verify-offline, ${EVENTS.toLocaleString('en')} events, ${checkpoints.length} checkpoints`, [
      ['machine', `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`],
      ['export', `${(statSync(exportPath).size / 2 ** 20).toFixed(0)} MiB`],
      ['time', `${(ms / 1000).toFixed(1)} s`],
      ['append signatures verified', report.appendSignatures.verifiedAppends.toLocaleString('en')],
      ['rate', `${Math.round(EVENTS / (ms / 1000)).toLocaleString('en')} events/s`],
      [
        'baseline: read, parse and hash every line',
        `${(baselineMs / 1000).toFixed(1)} s, ${Math.round(EVENTS / (baselineMs / 1000)).toLocaleString('en')} lines/s`,
      ],
      ['verification vs baseline', `${(ms / baselineMs).toFixed(2)} × the baseline's time`],
      ['peak RSS', `${(peakRss / 2 ** 20).toFixed(0)} MiB`],
    ]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
