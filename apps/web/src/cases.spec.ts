/// <reference types="jest" />
import {
  allShownAtFields,
  approvalListRows,
  caseApprovalRow,
  CASE_REF_PATTERN,
  defaultSetting,
  emptyExtensionForm,
  emptyGrantForm,
  emptyScopeChangeForm,
  extensionBody,
  fieldMessage,
  kostenbeitragBody,
  kostenerstattungBody,
  formatPeriod,
  grantBody,
  LEGAL_BASES,
  legalBasisLabel,
  openCaseBody,
  scopeChangeBody,
  settingRequired,
  steeringYears,
  terminationBody,
  withLegalBasis,
  type ApprovalItem,
  type CaseApproval,
} from './cases';

describe('legal basis labels and default settings', () => {
  it('names the legal bases as the API does', () => {
    expect(legalBasisLabel('31')).toBe('§ 31 SGB VIII Sozialpädagogische Familienhilfe (SPFH)');
    expect(legalBasisLabel('35a')).toBe('§ 35a SGB VIII Eingliederungshilfe für seelisch behinderte Kinder und Jugendliche');
    expect(LEGAL_BASES).toHaveLength(12);
  });

  it('implies ambulant for §§ 27–31, 35, teilstationär for § 32, stationär for §§ 33, 34, 42 and none for § 35a and § 41', () => {
    expect(['27', '28', '29', '30', '31', '35'].map((c) => defaultSetting(c as never))).toEqual(Array(6).fill('ambulant'));
    expect(defaultSetting('32')).toBe('teilstationaer');
    expect(['33', '34', '42'].map((c) => defaultSetting(c as never))).toEqual(Array(3).fill('stationaer'));
    expect(defaultSetting('35a')).toBeNull();
    expect(settingRequired('35a')).toBe(true);
    expect(settingRequired('41')).toBe(true);
    expect(settingRequired('34')).toBe(false);
  });

  it('preselects the default setting when the legal basis changes, and asks for one for § 35a', () => {
    const form = emptyGrantForm();
    expect(form.setting).toBe('ambulant');
    expect(withLegalBasis(form, '34').setting).toBe('stationaer');
    expect(withLegalBasis(form, '35a').setting).toBe('');
  });
});

describe('request bodies', () => {
  it('leaves out an empty end (unbefristet), an empty setting and empty hours, and normalises the hours', () => {
    const form = { ...withLegalBasis(emptyGrantForm(), '35a'), providerId: 'TR-E', start: '2025-02-01', bescheidDate: '2025-01-20' };
    expect(grantBody(form)).toEqual({ legalBasis: '35a', providerId: 'TR-E', start: '2025-02-01', bescheidDate: '2025-01-20' });
    expect(grantBody({ ...form, end: '2025-12-31', setting: 'ambulant', hoursPerMonth: ' 12,5 ' })).toEqual({
      legalBasis: '35a',
      providerId: 'TR-E',
      start: '2025-02-01',
      end: '2025-12-31',
      bescheidDate: '2025-01-20',
      setting: 'ambulant',
      hoursPerMonth: '12.5',
    });
  });

  it('sends the note of a termination only when there is one', () => {
    expect(terminationBody({ reason: 'abbruch', effectiveEnd: '2025-06-30', note: '  ' })).toEqual({ reason: 'abbruch', effectiveEnd: '2025-06-30' });
    expect(terminationBody({ reason: 'planmaessig', effectiveEnd: '2025-06-30', note: ' Ziel erreicht ' }).note).toBe('Ziel erreicht');
  });

  it('extends to a date or open-ended, with the scope of the added months only where it changes', () => {
    expect(extensionBody({ ...emptyExtensionForm(), newEnd: '2026-03-31', reason: ' Hilfeplan fortgeschrieben ' })).toEqual({
      newEnd: '2026-03-31',
      reason: 'Hilfeplan fortgeschrieben',
    });
    expect(
      extensionBody({ ...emptyExtensionForm(), openEnded: true, newEnd: '2026-03-31', reason: 'Dauerhilfe', providerId: 'TR-F', hoursPerMonth: '12,5' }),
    ).toEqual({
      newEnd: null,
      reason: 'Dauerhilfe',
      providerId: 'TR-F',
      hoursPerMonth: '12.5',
    });
  });

  it('changes the scope from a day, sending only what changes', () => {
    expect(scopeChangeBody({ ...emptyScopeChangeForm(), from: '2025-07-01', hoursPerMonth: '10', reason: 'Stunden reduziert' })).toEqual({
      from: '2025-07-01',
      hoursPerMonth: '10',
      reason: 'Stunden reduziert',
    });
    expect(scopeChangeBody({ ...emptyScopeChangeForm(), from: '2025-07-01', providerId: 'TR-F', reason: 'Trägerwechsel' })).toEqual({
      from: '2025-07-01',
      providerId: 'TR-F',
      reason: 'Trägerwechsel',
    });
  });

  it('takes the case reference in capitals and checks it is pseudonymous', () => {
    expect(openCaseBody({ caseRef: ' tw-25-777 ', sozialraumId: 'HRO-TW' })).toEqual({ caseRef: 'TW-25-777', sozialraumId: 'HRO-TW' });
    expect(CASE_REF_PATTERN.test('TW-25-777')).toBe(true);
    expect(CASE_REF_PATTERN.test('Max Mustermann')).toBe(false);
  });
});

describe('rows', () => {
  const item: ApprovalItem = {
    approvalId: 'B1',
    caseRef: 'TW-25-777',
    sozialraumId: 'HRO-TW',
    legalBasis: '35a',
    rateType: 'hourly',
    providerIds: ['TR-E'],
    period: { start: '2025-02-01', end: null },
    bescheidDate: '2025-01-20',
    inBudget: true,
    status: 'running',
  };

  it('lists an approval with its case, legal basis, provider name, period and status', () => {
    expect(approvalListRows([item], new Map([['TR-E', 'Jugendhilfeverbund Nordost e.V.']]))).toEqual([
      {
        key: 'TW-25-777/B1',
        caseRef: 'TW-25-777',
        approvalId: 'B1',
        legalBasis: '§ 35a SGB VIII',
        providers: 'Jugendhilfeverbund Nordost e.V.',
        period: 'ab 01.02.2025, unbefristet',
        status: 'laufend',
        sozialraumId: 'HRO-TW',
      },
    ]);
    expect(formatPeriod({ start: '2025-01-01', end: '2025-12-31' })).toBe('01.01.2025 – 31.12.2025');
  });

  it('shows the figures of a case approval as the API gives them, formatted', () => {
    const approval = {
      approvalId: 'B1',
      legalBasis: '35a',
      help: '§ 35a SGB VIII Eingliederungshilfe für seelisch behinderte Kinder und Jugendliche',
      setting: 'teilstationaer',
      bescheidDate: '2025-01-20',
      period: { start: '2025-02-01', end: '2025-12-31' },
      rateType: 'hourly',
      rates: [{ from: '2025-02-01', providerId: 'TR-E', rate: '38.50', hoursPerMonth: '20', agreementId: 'EV-1', rateReason: null }],
      classification: { inBudget: true, reason: 'in-budget', explanation: '', contractVersion: 1 },
      termination: { reason: 'abbruch', effectiveEnd: '2025-06-30', note: null },
      status: 'terminated',
      committedThrough: 2025,
      years: [{ fiscalYear: 2025, committed: '3850.00', invoiced: '0.00', actual: '0.00', openCommitment: '3850.00' }],
      vorbelastungen: [],
      invoices: [],
    } as unknown as CaseApproval;
    const row = caseApprovalRow(approval, undefined);
    expect(row.setting).toBe('teilstationär');
    expect(row.providers).toBe('TR-E');
    expect(row.rate).toBe('38,50\u00a0€ je Fachleistungsstunde, 20 Stunden je Monat');
    expect(row.termination).toBe('Abbruch zum 30.06.2025');
    expect(row.running).toBe(false);
    expect(row.years).toEqual([
      { fiscalYear: 2025, committed: '3.850,00\u00a0€', invoiced: '0,00\u00a0€', actual: '0,00\u00a0€', openCommitment: '3.850,00\u00a0€', revenue: null },
    ]);
    // As a Träger sees it: no revenue at all.
    expect(row.revenue).toBeNull();
    expect(steeringYears(approval)).toEqual([2025]);
  });

  it('shows the revenue of an approval beside its figures, as the Jugendamt sees it (R2)', () => {
    const approval = {
      approvalId: 'B1',
      legalBasis: '34',
      help: '§ 34 SGB VIII Heimerziehung',
      setting: 'stationaer',
      bescheidDate: '2025-01-20',
      period: { start: '2025-02-01', end: null },
      rateType: 'daily',
      rates: [{ from: '2025-02-01', providerId: 'TR-F', rate: '250.00', hoursPerMonth: null, agreementId: 'EV-2', rateReason: null }],
      classification: { inBudget: true, reason: 'in-budget', explanation: '', contractVersion: 1 },
      termination: null,
      status: 'running',
      committedThrough: 2025,
      years: [{ fiscalYear: 2025, committed: '83500.00', invoiced: '0.00', actual: '0.00', openCommitment: '83500.00', revenue: '7650.00' }],
      vorbelastungen: [],
      invoices: [],
      kostenbeitraege: [{ kostenbeitragId: 'KB1', monthlyAmount: '180.00', from: '2025-03-01', to: null }],
      kostenerstattungen: [{ claimId: 'KE1', debtorAuthority: 'LRO-JA', serviceMonth: '2025-04', amount: '5850.00', reference: 'KE-2025-17' }],
    } as unknown as CaseApproval;
    const row = caseApprovalRow(approval, undefined);
    expect(row.years[0]?.revenue).toBe('7.650,00\u00a0€');
    expect(row.revenue).toEqual([
      { id: 'KB1', kind: 'Kostenbeitrag', period: 'ab 01.03.2025, unbefristet', amount: '180,00\u00a0€ je Monat', detail: '§§ 91 ff. SGB VIII' },
      { id: 'KE1', kind: 'Kostenerstattung', period: 'April 2025', amount: '5.850,00\u00a0€', detail: 'gegen LRO-JA, Az. KE-2025-17' },
    ]);
    expect(kostenbeitragBody('B1', { monthlyAmount: '180,00', from: '2025-03-01', to: '' })).toEqual({
      approvalId: 'B1',
      monthlyAmount: '180.00',
      from: '2025-03-01',
    });
    expect(kostenerstattungBody('B1', { debtorAuthority: ' LRO-JA ', serviceMonth: '2025-04', amount: '5850,00', reference: ' KE-2025-17 ' })).toEqual({
      approvalId: 'B1',
      debtorAuthority: 'LRO-JA',
      serviceMonth: '2025-04',
      amount: '5850.00',
      reference: 'KE-2025-17',
    });
  });
});

describe('problems at their fields', () => {
  const errors = [{ field: 'setting', message: 'muss ambulant, teilstationaer oder stationaer sein.' }];
  it('finds the message of a field and says whether all are shown at fields', () => {
    expect(fieldMessage(errors, 'setting')).toBe('muss ambulant, teilstationaer oder stationaer sein.');
    expect(fieldMessage(errors, 'start')).toBeUndefined();
    expect(allShownAtFields(errors, ['setting', 'start'])).toBe(true);
    expect(allShownAtFields([{ field: 'other', message: 'x' }], ['setting'])).toBe(false);
    expect(allShownAtFields(undefined, ['setting'])).toBe(false);
  });
});
