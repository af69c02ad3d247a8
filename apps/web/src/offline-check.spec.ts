import { type OfflineCheckReport, describeCheckpointResult, describeFileProblem, describeFindingPlace, describeOutcome } from './offline-check';

const report = (over: Partial<OfflineCheckReport>): OfflineCheckReport => ({
  ok: true,
  tenantId: 'HRO-JA',
  origin: 'sozialraum-budget/audit/HRO-JA',
  events: 1034,
  rootHash: 'abc',
  checkpoints: [],
  firstMismatch: null,
  findings: [],
  moreFindings: 0,
  problems: [],
  findingsAccountForCheckpoints: false,
  coveredEvents: 986,
  appendSignatures: { verifiedAppends: 770, signedEvents: 1034, unsignedBeforeSigning: 0 },
  ...over,
});

describe('the offline check in German', () => {
  it('says an untouched log is unchanged, with its number of events', () => {
    expect(describeOutcome(report({}))).toBe('Das Protokoll ist unverändert: 1034 Ereignisse passen zu den signierten Prüfpunkten und Buchungssignaturen.');
  });

  it('names the first position that does not fit, or the range a signed root leaves open', () => {
    const exact = { leafIndex: 56, position: '1234', exact: true, message: 'position 1234 does not match' };
    expect(describeOutcome(report({ ok: false, firstMismatch: exact }))).toBe('Das Protokoll weicht ab, zuerst an Position 1234 (Blatt 56).');
    expect(describeFindingPlace({ leafIndex: 10, position: '77', exact: false, untilLeafIndex: 99, message: '' })).toBe('zwischen Blatt 10 und Blatt 99');
    expect(describeFindingPlace({ leafIndex: 5, position: null, exact: true, message: '' })).toBe('Blatt 5');
    expect(describeOutcome(report({ ok: false, problems: ['no checkpoint carries a valid signature'] }))).toBe(
      'Das Protokoll lässt sich mit diesen Dateien nicht bestätigen.',
    );
  });

  it('explains files that cannot be checked and each checkpoint result', () => {
    expect(describeFileProblem({ reason: 'private-key', file: 'key.pem' })).toMatch(/^key\.pem enthält einen privaten Schlüssel/);
    expect(describeFileProblem({ reason: 'checkpoints-not-json', file: 'cp.txt' })).toBe('cp.txt ist keine JSON-Datei mit Prüfpunkten.');
    expect(describeFileProblem({ reason: 'failed', file: null, detail: 'out of memory' })).toBe('Die Prüfung ist abgebrochen: out of memory');
    expect(describeCheckpointResult('fits')).toBe('passt zum Export');
    expect(describeCheckpointResult('other-log')).toBe('Prüfpunkt eines anderen Protokolls');
  });
});
