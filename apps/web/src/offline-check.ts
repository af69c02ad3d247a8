/**
 * The verification of an export in the auditor's browser (apps/web/verifier): what the page sends
 * the worker, what it answers, and how the answer reads in German. Pure, without React.
 *
 * The report mirrors OfflineReport of libs/event-store/audit/offline-verification.ts, the
 * command line's; the worker assigns one to the other, so the type checker keeps them equal.
 */

export interface OfflineCheckRequest {
  exportFile: File;
  checkpointFiles: File[];
  keyFiles: File[];
}

export interface OfflineCheckFinding {
  leafIndex: number;
  position: string | null;
  exact: boolean;
  untilLeafIndex?: number;
  message: string;
}

export type CheckpointResult = 'fits' | 'differs' | 'beyond' | 'unsigned' | 'other-log';

export interface OfflineCheckReport {
  ok: boolean;
  tenantId: string | null;
  origin: string | null;
  events: number;
  rootHash: string;
  checkpoints: { treeSize: number; rootHash: string; signedAt: string | null; signedBy: string[]; result: CheckpointResult; source: string }[];
  firstMismatch: OfflineCheckFinding | null;
  findings: OfflineCheckFinding[];
  moreFindings: number;
  problems: string[];
  findingsAccountForCheckpoints: boolean;
  coveredEvents: number;
  appendSignatures: { verifiedAppends: number; signedEvents: number; unsignedBeforeSigning: number };
}

/** Why the files could not be checked at all (as opposed to a check that found something). */
export type FileProblem =
  | { reason: 'private-key' | 'no-key' | 'not-ed25519' | 'unreadable-key'; file: string }
  | { reason: 'checkpoints-not-json'; file: string }
  | { reason: 'failed'; file: null; detail: string };

export type OfflineCheckAnswer =
  { kind: 'progress'; lines: number } | { kind: 'done'; report: OfflineCheckReport; lines: number } | { kind: 'rejected'; problem: FileProblem };

export function describeFileProblem(problem: FileProblem): string {
  switch (problem.reason) {
    case 'private-key':
      return `${problem.file} enthält einen privaten Schlüssel. Für die Prüfung genügt der öffentliche; die Datei gehört nicht weitergegeben.`;
    case 'no-key':
      return `${problem.file} enthält keinen öffentlichen Schlüssel.`;
    case 'not-ed25519':
      return `${problem.file} enthält keinen Ed25519-Schlüssel; die Prüfpunkte sind mit Ed25519 signiert.`;
    case 'unreadable-key':
      return `${problem.file} ist kein lesbarer öffentlicher Schlüssel (PEM oder Prüfschlüssel-Text).`;
    case 'checkpoints-not-json':
      return `${problem.file} ist keine JSON-Datei mit Prüfpunkten.`;
    case 'failed':
      return `Die Prüfung ist abgebrochen: ${problem.detail}`;
  }
}

const CHECKPOINT_RESULTS: Record<CheckpointResult, string> = {
  fits: 'passt zum Export',
  differs: 'passt nicht: Ereignisse bis zu diesem Prüfpunkt wurden nach der Signatur verändert',
  beyond: 'umfasst mehr Ereignisse, als der Export enthält',
  unsigned: 'keine gültige Signatur des Schlüssels',
  'other-log': 'Prüfpunkt eines anderen Protokolls',
};

export function describeCheckpointResult(result: CheckpointResult): string {
  return CHECKPOINT_RESULTS[result];
}

/** "Position 1234 (Blatt 56)", or for a range "zwischen Blatt 10 und Blatt 99". */
export function describeFindingPlace(finding: OfflineCheckFinding): string {
  if (!finding.exact && finding.untilLeafIndex !== undefined) return `zwischen Blatt ${finding.leafIndex} und Blatt ${finding.untilLeafIndex}`;
  return finding.position ? `Position ${finding.position} (Blatt ${finding.leafIndex})` : `Blatt ${finding.leafIndex}`;
}

/** The headline of a finished check. */
export function describeOutcome(report: OfflineCheckReport): string {
  if (report.ok) return `Das Protokoll ist unverändert: ${report.events} Ereignisse passen zu den signierten Prüfpunkten und Buchungssignaturen.`;
  if (report.firstMismatch) return `Das Protokoll weicht ab, zuerst an ${describeFindingPlace(report.firstMismatch)}.`;
  return 'Das Protokoll lässt sich mit diesen Dateien nicht bestätigen.';
}
