/// <reference types="jest" />
import {
  auditExportFileName,
  chainLabel,
  checkpointFileName,
  describeActor,
  describeShown,
  formatEventData,
  publicKeyFileName,
  shortenHash,
  verifyOfflineCommand,
} from './audit';

const HASH = '3f7a9c01d2e4b5a6978877665544332211ffeeddccbbaa998877665544332211';

describe('shortenHash', () => {
  it('keeps the beginning and the end of a long hash around an ellipsis', () => {
    expect(shortenHash(HASH)).toBe('3f7a9c01d2…2211');
    expect(shortenHash(HASH, 6, 6)).toBe('3f7a9c…332211');
  });

  it('leaves a hash whole that would barely be shorter', () => {
    expect(shortenHash('abcdef')).toBe('abcdef');
    expect(shortenHash('0123456789abcde')).toBe('0123456789abcde');
    expect(shortenHash('0123456789abcdef')).toBe('0123456789…cdef');
    expect(shortenHash('')).toBe('');
  });
});

describe('describeActor', () => {
  it('names the role in German with the organisation', () => {
    expect(describeActor({ role: 'auditor', organisationId: 'HRO-JA' })).toBe('Rechnungsprüfung (HRO-JA)');
    expect(describeActor({ role: 'wiju', organisationId: 'HRO-JA' })).toBe('Wirtschaftliche Jugendhilfe (HRO-JA)');
    expect(describeActor({ role: 'provider', organisationId: 'TR-001' })).toBe('Träger (TR-001)');
  });

  it('shows an unknown role as it came and leaves out a missing organisation', () => {
    expect(describeActor({ role: 'system', organisationId: 'HRO-JA' })).toBe('system (HRO-JA)');
    expect(describeActor({ role: 'controller', organisationId: '' })).toBe('Controlling');
    expect(describeActor({ role: '', organisationId: '' })).toBe('unbekannte Rolle');
  });
});

describe('chainLabel', () => {
  it('shows the link of the chain, or that there is none yet', () => {
    expect(chainLabel('4711')).toBe('4711');
    expect(chainLabel('0')).toBe('0');
    expect(chainLabel(null)).toBe('noch nicht verkettet');
  });
});

describe('formatEventData', () => {
  it('indents the content by two spaces', () => {
    expect(formatEventData({ amount: '1234.50', lines: [{ month: '2025-03' }] })).toBe(
      '{\n  "amount": "1234.50",\n  "lines": [\n    {\n      "month": "2025-03"\n    }\n  ]\n}',
    );
    expect(formatEventData({})).toBe('{}');
  });

  it('writes what JSON cannot hold as text', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(formatEventData(cyclic)).toBe('[object Object]');
    expect(formatEventData(undefined)).toBe('undefined');
  });
});

describe('describeShown', () => {
  it('counts the events shown in German', () => {
    expect(describeShown(0, false)).toBe('0 Ereignisse angezeigt');
    expect(describeShown(1, false)).toBe('1 Ereignis angezeigt');
    expect(describeShown(100, true)).toBe('100 Ereignisse angezeigt, weitere vorhanden');
  });
});

describe('auditExportFileName', () => {
  it('names the file after the tenant', () => {
    expect(auditExportFileName('HRO-JA')).toBe('ereignisse-HRO-JA.ndjson');
    expect(auditExportFileName('a/b c')).toBe('ereignisse-a_b_c.ndjson');
    expect(auditExportFileName('')).toBe('ereignisse-mandant.ndjson');
  });
});

describe('the files of the offline verification', () => {
  it('names the checkpoint and key files and spells the command over them', () => {
    expect(checkpointFileName('HRO-JA')).toBe('pruefpunkte-HRO-JA.json');
    expect(publicKeyFileName('5a1c9e03')).toBe('pruefschluessel-5a1c9e03.pem');
    expect(verifyOfflineCommand('HRO-JA', '5a1c9e03')).toBe(
      'npm run audit -- verify-offline --export ereignisse-HRO-JA.ndjson --checkpoints pruefpunkte-HRO-JA.json --public-key pruefschluessel-5a1c9e03.pem',
    );
  });
});
