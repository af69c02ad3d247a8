import { deciderSpec } from '../../../test/support/decider-spec';
import {
  SozialraumEvent,
  SozialraumFacts,
  decideChangeSozialraum,
  decideFormTraegerverbund,
  decideRegisterSozialraum,
  inForceOn,
  sozialraumDecider,
  sozialraumOn,
  traegerverbundOn,
} from './sozialraum';

const toitenwinkel = { sozialraumId: 'HRO-TW', name: 'Toitenwinkel', residents: 14200, residentsUnder21: 2900, validFrom: '2024-01-01' };
const registered: SozialraumEvent = { type: 'SozialraumRegistered', data: toitenwinkel, businessDate: '2024-01-01' };
const changed = (validFrom: string, reason: string, facts: SozialraumFacts): SozialraumEvent => ({
  type: 'SozialraumChanged',
  data: { sozialraumId: 'HRO-TW', validFrom, reason, ...facts },
  businessDate: validFrom,
});
const formed = (effectiveFrom: string, leadProviderId: string, memberProviderIds: string[]): SozialraumEvent => ({
  type: 'TraegerverbundFormed',
  data: { sozialraumId: 'HRO-TW', effectiveFrom, leadProviderId, memberProviderIds },
  businessDate: effectiveFrom,
});

const register = deciderSpec(sozialraumDecider, decideRegisterSozialraum);
const change = deciderSpec(sozialraumDecider, decideChangeSozialraum);
const form = deciderSpec(sozialraumDecider, decideFormTraegerverbund);
const known = { unregisteredProviderIds: [] };

describe('registering a Sozialraum', () => {
  it('records the facts with the validity date as business date', () => {
    register
      .given([])
      .when(toitenwinkel)
      .thenEvents([{ type: 'SozialraumRegistered', data: toitenwinkel, businessDate: '2024-01-01' }]);
    const state = register.given([]).when(toitenwinkel).thenState();
    expect(state.sozialraumId).toBe('HRO-TW');
    expect(state.versions).toEqual([{ validFrom: '2024-01-01', name: 'Toitenwinkel', residents: 14200, residentsUnder21: 2900, reason: null }]);
    expect(state.verbund).toEqual([]);
  });

  it('accepts unknown residents figures (null) and residents under 21 equal to all residents', () => {
    expect(
      register
        .given([])
        .when({ ...toitenwinkel, residents: null, residentsUnder21: 3000 })
        .events(),
    ).toHaveLength(1);
    expect(
      register
        .given([])
        .when({ ...toitenwinkel, residents: 500, residentsUnder21: null })
        .events(),
    ).toHaveLength(1);
    expect(
      register
        .given([])
        .when({ ...toitenwinkel, residents: 500, residentsUnder21: 500 })
        .events(),
    ).toHaveLength(1);
  });

  it('refuses a second registration of the same Sozialraum (409)', () => {
    const error = register
      .given([registered])
      .when({ ...toitenwinkel, name: 'Toitenwinkel neu', validFrom: '2025-01-01' })
      .thenRefused('sozialraum-exists');
    expect(error).toMatchObject({ problem: 'sozialraum-exists', status: 409 });
  });

  it('refuses more residents under 21 than residents (422)', () => {
    const error = register
      .given([])
      .when({ ...toitenwinkel, residents: 2000, residentsUnder21: 2001 })
      .thenRefused('residents-inconsistent');
    expect(error).toMatchObject({ problem: 'residents-inconsistent', status: 422 });
    expect(error.detail.en).toContain('2001');
  });
});

describe('changing a Sozialraum', () => {
  it('refuses a change of an unregistered Sozialraum (404)', () => {
    const error = change.given([]).when({ residents: 1, validFrom: '2025-01-01', reason: 'x' }).thenRefused('sozialraum-not-found');
    expect(error).toMatchObject({ problem: 'sozialraum-not-found', status: 404 });
  });

  it('refuses a change taking effect before the registration', () => {
    const error = change.given([registered]).when({ residents: 14000, validFrom: '2023-12-31', reason: 'Nachmeldung' }).thenRefused('before-registration');
    expect(error).toMatchObject({ problem: 'before-registration', status: 422 });
    expect(error.detail.en).toContain('2024-01-01');
  });

  it('takes the unchanged facts from the version in force on the change date', () => {
    const [event] = change.given([registered]).when({ residents: 14350, validFrom: '2026-01-01', reason: 'Einwohnerstatistik 31.12.2025' }).events();
    expect(event).toEqual({
      type: 'SozialraumChanged',
      data: {
        sozialraumId: 'HRO-TW',
        validFrom: '2026-01-01',
        reason: 'Einwohnerstatistik 31.12.2025',
        name: 'Toitenwinkel',
        residents: 14350,
        residentsUnder21: 2900,
      },
      businessDate: '2026-01-01',
    });
  });

  it('can clear a figure with null, which undefined (not given) does not', () => {
    const [cleared] = change.given([registered]).when({ residentsUnder21: null, validFrom: '2025-01-01', reason: 'Zahl wird neu erhoben' }).events();
    expect(cleared.data).toMatchObject({ residents: 14200, residentsUnder21: null });
  });

  it('refuses residents below the residents under 21 in force, also when only one figure changes', () => {
    change.given([registered]).when({ residents: 2899, validFrom: '2025-01-01', reason: 'x' }).thenRefused('residents-inconsistent');
    change.given([registered]).when({ residentsUnder21: 14201, validFrom: '2025-01-01', reason: 'x' }).thenRefused('residents-inconsistent');
    change.given([registered]).when({ residents: 100, residentsUnder21: 200, validFrom: '2025-01-01', reason: 'x' }).thenRefused('residents-inconsistent');
  });

  it('checks a change in the middle of the history against the version in force then, not the latest', () => {
    const history = [registered, changed('2026-01-01', 'Eingemeindung', { name: 'Toitenwinkel', residents: 20000, residentsUnder21: 5000 })];
    // 2025: residents under 21 in force are 2,900, so 3,000 residents is consistent although 2026 has 5,000 under 21.
    const [event] = change.given(history).when({ residents: 3000, validFrom: '2025-01-01', reason: 'Korrektur' }).events();
    expect(event.data).toMatchObject({ residents: 3000, residentsUnder21: 2900 });
  });
});

describe('facts as of a date', () => {
  const statistik = changed('2026-01-01', 'Statistik 2025', { name: 'Toitenwinkel', residents: 14350, residentsUnder21: 2950 });
  // Recorded later, valid earlier: the history is ordered by validity date, not by recording.
  const neuzuschnitt = changed('2025-07-01', 'Neuzuschnitt', { name: 'Toitenwinkel/Dierkow-Ost', residents: 14200, residentsUnder21: 2900 });
  const history = [registered, statistik, neuzuschnitt];
  const { state } = change.given(history);

  it('records the changes as decided on the facts in force then', () => {
    change.given([registered]).when({ residents: 14350, residentsUnder21: 2950, validFrom: '2026-01-01', reason: 'Statistik 2025' }).thenEvents([statistik]);
    change
      .given([registered, statistik])
      .when({ name: 'Toitenwinkel/Dierkow-Ost', validFrom: '2025-07-01', reason: 'Neuzuschnitt' })
      .thenEvents([neuzuschnitt]);
  });

  it('keeps the versions sorted by validity date', () => {
    expect(state.versions.map((v) => [v.validFrom, v.name, v.residents, v.reason])).toEqual([
      ['2024-01-01', 'Toitenwinkel', 14200, null],
      ['2025-07-01', 'Toitenwinkel/Dierkow-Ost', 14200, 'Neuzuschnitt'],
      ['2026-01-01', 'Toitenwinkel', 14350, 'Statistik 2025'],
    ]);
  });

  it('returns the version whose validity began on or before the date; none before the registration', () => {
    expect(sozialraumOn(state, '2023-12-31')).toBeNull();
    expect(sozialraumOn(state, '2024-01-01')?.name).toBe('Toitenwinkel');
    expect(sozialraumOn(state, '2025-06-30')?.name).toBe('Toitenwinkel');
    expect(sozialraumOn(state, '2025-07-01')?.name).toBe('Toitenwinkel/Dierkow-Ost');
    expect(sozialraumOn(state, '2025-12-31')).toMatchObject({ residents: 14200, residentsUnder21: 2900 });
    expect(sozialraumOn(state, '2026-01-01')).toMatchObject({ residents: 14350, residentsUnder21: 2950 });
    expect(sozialraumOn(state, '2099-12-31')?.validFrom).toBe('2026-01-01');
  });

  it('replaces the version of the same validity date (a correction), keeping one version per date', () => {
    const corrected = change.given(history).when({ residents: 14400, validFrom: '2026-01-01', reason: 'Korrektur Statistikamt' }).thenState();
    expect(corrected.versions).toHaveLength(3);
    expect(sozialraumOn(corrected, '2026-01-01')).toMatchObject({ residents: 14400, residentsUnder21: 2950, reason: 'Korrektur Statistikamt' });
  });

  it('inForceOn picks the latest start on or before the date from a sorted list', () => {
    const list = [{ from: '2024-01-01' }, { from: '2025-01-01' }, { from: '2025-01-02' }];
    expect(inForceOn(list, '2024-12-31', (x) => x.from)).toBe(list[0]);
    expect(inForceOn(list, '2025-01-01', (x) => x.from)).toBe(list[1]);
    expect(inForceOn(list, '2030-01-01', (x) => x.from)).toBe(list[2]);
    expect(inForceOn(list, '2023-01-01', (x) => x.from)).toBeNull();
    expect(inForceOn([], '2025-01-01', (x: { from: string }) => x.from)).toBeNull();
  });
});

describe('Trägerverbund', () => {
  it('refuses a Verbund for an unregistered Sozialraum (404)', () => {
    const error = form
      .given([])
      .when({ effectiveFrom: '2025-01-01', leadProviderId: 'TR-E', memberProviderIds: [] }, known)
      .thenRefused('sozialraum-not-found');
    expect(error).toMatchObject({ problem: 'sozialraum-not-found', status: 404 });
  });

  it('refuses the lead provider among the members', () => {
    const error = form
      .given([registered])
      .when({ effectiveFrom: '2025-01-01', leadProviderId: 'TR-E', memberProviderIds: ['TR-F', 'TR-E'] }, known)
      .thenRefused('lead-among-members');
    expect(error).toMatchObject({ problem: 'lead-among-members', status: 422 });
  });

  it('refuses a member listed twice', () => {
    const error = form
      .given([registered])
      .when({ effectiveFrom: '2025-01-01', leadProviderId: 'TR-E', memberProviderIds: ['TR-F', 'TR-G', 'TR-F'] }, known)
      .thenRefused('duplicate-member');
    expect(error).toMatchObject({ problem: 'duplicate-member', status: 422 });
  });

  it('records the Verbund with its effective date as business date', () => {
    form
      .given([registered])
      .when({ effectiveFrom: '2025-01-01', leadProviderId: 'TR-E', memberProviderIds: ['TR-F'] }, known)
      .thenEvents([
        {
          type: 'TraegerverbundFormed',
          data: { sozialraumId: 'HRO-TW', effectiveFrom: '2025-01-01', leadProviderId: 'TR-E', memberProviderIds: ['TR-F'] },
          businessDate: '2025-01-01',
        },
      ]);
  });

  it('answers the lead provider and members in force on a date, whatever the order of recording', () => {
    const history = [
      registered,
      formed('2026-01-01', 'TR-F', ['TR-E', 'TR-G']),
      formed('2024-01-01', 'TR-E', ['TR-F']),
      formed('2025-07-01', 'TR-E', ['TR-F', 'TR-G']),
    ];
    const { state } = form.given(history);
    expect(traegerverbundOn(state, '2023-12-31')).toBeNull();
    expect(traegerverbundOn(state, '2025-06-30')).toEqual({ effectiveFrom: '2024-01-01', leadProviderId: 'TR-E', memberProviderIds: ['TR-F'] });
    expect(traegerverbundOn(state, '2025-07-01')?.memberProviderIds).toEqual(['TR-F', 'TR-G']);
    expect(traegerverbundOn(state, '2025-12-31')?.leadProviderId).toBe('TR-E');
    expect(traegerverbundOn(state, '2026-01-01')?.leadProviderId).toBe('TR-F');
    // A new Verbund with the same effective date replaces that version.
    expect(
      form
        .given(history)
        .when({ effectiveFrom: '2026-01-01', leadProviderId: 'TR-G', memberProviderIds: [] }, known)
        .thenState()
        .verbund.map((v) => [v.effectiveFrom, v.leadProviderId]),
    ).toEqual([
      ['2024-01-01', 'TR-E'],
      ['2025-07-01', 'TR-E'],
      ['2026-01-01', 'TR-G'],
    ]);
  });

  it('does not change the facts of the Sozialraum', () => {
    const { state } = form.given([registered]);
    const after = form.given([registered]).when({ effectiveFrom: '2025-01-01', leadProviderId: 'TR-E', memberProviderIds: [] }, known).thenState();
    expect(after.versions).toEqual(state.versions);
  });

  it('names the first provider the master data does not know, before anything else', () => {
    const error = form
      .given([])
      .when({ effectiveFrom: '2025-01-01', leadProviderId: 'TR-E', memberProviderIds: ['TR-X', 'TR-Y'] }, { unregisteredProviderIds: ['TR-X', 'TR-Y'] })
      .thenRefused('provider-not-registered');
    expect(error).toMatchObject({ status: 422, extensions: { providerId: 'TR-X' } });
  });
});
