import './buffer-global';
import { CheckpointSource, OfflineReport, verifyOffline } from '../../../libs/event-store/audit/offline-verification';
import { KeyFileRejected, publicKeysOfFile } from '../../../libs/event-store/audit/public-key-file';
import type { FileProblem, OfflineCheckAnswer, OfflineCheckReport, OfflineCheckRequest } from '../src/offline-check';

/**
 * The offline verification in a worker of the auditor's browser: the files the auditor chose are
 * read here, nothing is sent anywhere, and the page stays responsive over a long export. The code
 * that checks is the command line's (verify-offline), bundled with node-crypto.ts for Node's crypto.
 */

interface WorkerScope {
  onmessage: ((event: { data: OfflineCheckRequest }) => void) | null;
  postMessage(message: OfflineCheckAnswer): void;
}
const scope = globalThis as unknown as WorkerScope;

const PROGRESS_EVERY = 5000;

class Rejected extends Error {
  constructor(readonly problem: FileProblem) {
    super(problem.reason);
  }
}

async function* linesOf(file: File, counted: (lines: number) => void): AsyncGenerator<string> {
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  let rest = '';
  let lines = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    rest += value;
    let start = 0;
    for (let end = rest.indexOf('\n'); end >= 0; end = rest.indexOf('\n', start)) {
      yield rest.slice(start, end).replace(/\r$/, '');
      start = end + 1;
      if (++lines % PROGRESS_EVERY === 0) counted(lines);
    }
    rest = rest.slice(start);
  }
  if (rest) yield rest;
}

async function keysOf(files: File[]) {
  const keys = [];
  for (const file of files) {
    try {
      keys.push(...publicKeysOfFile(file.name, await file.text()));
    } catch (error) {
      throw new Rejected(error instanceof KeyFileRejected ? { reason: error.reason, file: file.name } : { reason: 'unreadable-key', file: file.name });
    }
  }
  return keys;
}

async function checkpointsOf(files: File[]): Promise<CheckpointSource[]> {
  const sources: CheckpointSource[] = [];
  for (const file of files) {
    try {
      sources.push({ name: file.name, content: JSON.parse(await file.text()) });
    } catch {
      throw new Rejected({ reason: 'checkpoints-not-json', file: file.name });
    }
  }
  return sources;
}

async function check(request: OfflineCheckRequest): Promise<OfflineCheckAnswer> {
  const publicKeys = await keysOf(request.keyFiles);
  const checkpoints = await checkpointsOf(request.checkpointFiles);
  let lines = 0;
  const report: OfflineReport = await verifyOffline({
    lines: linesOf(request.exportFile, (n) => {
      lines = n;
      scope.postMessage({ kind: 'progress', lines: n });
    }),
    checkpoints,
    publicKeys,
  });
  const answer: OfflineCheckReport = report;
  return { kind: 'done', report: answer, lines: Math.max(lines, report.events) };
}

scope.onmessage = (event) => {
  check(event.data).then(
    (answer) => scope.postMessage(answer),
    (error: unknown) =>
      scope.postMessage({
        kind: 'rejected',
        problem: error instanceof Rejected ? error.problem : { reason: 'failed', file: null, detail: error instanceof Error ? error.message : String(error) },
      }),
  );
};
