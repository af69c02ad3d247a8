import { addDays, todayInBerlin } from '../../../libs/calendar';
import { ProjectionRunner } from '../../../libs/event-store/nest/projection-runner';
import { createTestApp, TestApp } from '../../support/test-app';
import { MasterDataListsQuery } from '../../../src/master-data/queries/master-data-lists.query';
import { as, expectStatus } from '../flexible/flexible-client';

describe('master data through the API', () => {
  let t: TestApp;
  const admin = () => as(t, 'admin');

  beforeAll(async () => {
    t = await createTestApp();
    for (const [providerId, name, legalForm] of [
      ['TR-E', 'Jugendhilfeverbund Nordost e.V.', 'e.V.'],
      ['TR-F', 'Kinder- und Jugendwohnen Warnow gGmbH', 'gGmbH'],
      ['TR-G', 'Tagesgruppe Dierkow gGmbH', 'gGmbH'],
    ]) {
      await expectStatus(admin().post('/providers', { providerId, name, legalForm }), 201);
    }
  });
  afterAll(async () => t?.close());

  it('registers a Sozialraum and keeps the history of its residents figures', async () => {
    const created = await expectStatus(
      admin().post('/sozialraeume', { sozialraumId: 'HRO-TW', name: 'Toitenwinkel', residents: 14200, residentsUnder21: 2900, validFrom: '2024-01-01' }),
      201,
    );
    expect(created.body.current).toMatchObject({ name: 'Toitenwinkel', residents: 14200, residentsUnder21: 2900 });
    await expectStatus(
      admin().post('/sozialraeume/HRO-TW/changes', {
        residents: 14350,
        residentsUnder21: 2950,
        validFrom: '2026-01-01',
        reason: 'Einwohnerstatistik 31.12.2025',
      }),
      201,
    );
    const in2025 = await expectStatus(admin().get('/sozialraeume/HRO-TW?asOf=2025-06-01'), 200);
    const in2026 = await expectStatus(as(t, 'controller').get('/sozialraeume/HRO-TW?asOf=2026-02-01'), 200);
    expect(in2025.body.current.residents).toBe(14200);
    expect(in2026.body.current).toMatchObject({ residents: 14350, residentsUnder21: 2950 });
    expect(in2026.body.history).toHaveLength(2);
    expect((await admin().post('/sozialraeume', { sozialraumId: 'HRO-TW', name: 'doppelt' })).status).toBe(409);
  });

  it('changes the Trägerverbund from an effective date and refuses unknown providers', async () => {
    await expectStatus(
      admin().post('/sozialraeume/HRO-TW/traegerverbund', { leadProviderId: 'TR-E', memberProviderIds: ['TR-F', 'TR-G'], effectiveFrom: '2024-01-01' }),
      201,
    );
    await expectStatus(
      admin().post('/sozialraeume/HRO-TW/traegerverbund', { leadProviderId: 'TR-F', memberProviderIds: ['TR-E'], effectiveFrom: '2026-01-01' }),
      201,
    );
    expect((await expectStatus(admin().get('/sozialraeume/HRO-TW?asOf=2025-12-31'), 200)).body.traegerverbund.leadProviderId).toBe('TR-E');
    expect((await expectStatus(admin().get('/sozialraeume/HRO-TW?asOf=2026-01-01'), 200)).body.traegerverbund.leadProviderId).toBe('TR-F');
    const unknown = await admin().post('/sozialraeume/HRO-TW/traegerverbund', { leadProviderId: 'TR-Z', memberProviderIds: [], effectiveFrom: '2026-06-01' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.type).toBe('/problems/provider-not-registered');
    expect((await admin().get('/sozialraeume/HRO-XX')).status).toBe(404);
  });

  it('refuses overlapping rate agreements for the same provider and help (409) and accepts adjacent ones', async () => {
    const first = await expectStatus(
      admin().post('/providers/TR-F/rate-agreements', {
        legalBasis: '34',
        rateType: 'daily',
        amount: '195.00',
        validFrom: '2025-01-01',
        validTo: '2025-12-31',
        reference: 'EV 2025/34',
      }),
      201,
    );
    expect(first.body.agreement).toMatchObject({ agreementId: 'EV-TR-F-1', amount: '195.00' });
    const before = await t.eventCount();
    const overlap = await admin().post('/providers/TR-F/rate-agreements', { legalBasis: '34', rateType: 'daily', amount: '199.00', validFrom: '2025-12-01' });
    expect(overlap.status).toBe(409);
    expect(overlap.body).toMatchObject({ type: '/problems/rate-agreement-overlap', conflictingAgreementId: 'EV-TR-F-1' });
    expect(await t.eventCount()).toBe(before);
    await expectStatus(
      admin().post('/providers/TR-F/rate-agreements', { legalBasis: '34', rateType: 'daily', amount: '199.00', validFrom: '2026-01-01' }),
      201,
    );
    await expectStatus(
      admin().post('/providers/TR-F/rate-agreements', { legalBasis: '42', rateType: 'daily', amount: '220.00', validFrom: '2025-01-01' }),
      201,
    );
    const list = await expectStatus(as(t, 'caseworker').get('/providers/TR-F/rate-agreements'), 200);
    expect(list.body.items.map((a: any) => [a.legalBasis, a.amount, a.validFrom, a.validTo])).toEqual([
      ['34', '195.00', '2025-01-01', '2025-12-31'],
      ['34', '199.00', '2026-01-01', null],
      ['42', '220.00', '2025-01-01', null],
    ]);
    expect(
      (await admin().post('/providers/TR-Z/rate-agreements', { legalBasis: '34', rateType: 'daily', amount: '1.00', validFrom: '2025-01-01' })).status,
    ).toBe(404);
  });

  it('lists Sozialräume and providers in pages, scoped to the tenant', async () => {
    await expectStatus(
      admin().post('/sozialraeume', { sozialraumId: 'HRO-GK', name: 'Groß Klein', residents: 11800, residentsUnder21: 2600, validFrom: '2024-01-01' }),
      201,
    );
    await t.settle();
    const first = await expectStatus(admin().get('/providers?limit=2'), 200);
    expect(first.body.items.map((p: any) => [p.providerId, p.legalForm])).toEqual([
      ['TR-E', 'e.V.'],
      ['TR-F', 'gGmbH'],
    ]);
    const second = await expectStatus(admin().get(`/providers?limit=2&cursor=${first.body.nextCursor}`), 200);
    expect(second.body).toEqual({ items: [expect.objectContaining({ providerId: 'TR-G' })], nextCursor: null });
    const sozialraeume = await expectStatus(as(t, 'provider', 'TR-E').get('/sozialraeume'), 200);
    expect(sozialraeume.body.items.map((s: any) => [s.sozialraumId, s.name, s.residents])).toEqual([
      ['HRO-GK', 'Groß Klein', 11800],
      ['HRO-TW', 'Toitenwinkel', 14350],
    ]);
    const foreign = await t
      .http()
      .get('/sozialraeume')
      .set('authorization', `Bearer ${await t.token({ role: 'admin', tenant: 'OTHER-JA' })}`);
    expect(foreign.body.items).toEqual([]);
  });

  it('lists each Sozialraum with the facts and Trägerverbund in force today, not a future-dated version; the detail keeps the history', async () => {
    const tomorrow = addDays(todayInBerlin(), 1);
    await expectStatus(
      admin().post('/sozialraeume', { sozialraumId: 'HRO-EV', name: 'Evershagen', residents: 9000, residentsUnder21: 1800, validFrom: '2024-01-01' }),
      201,
    );
    await expectStatus(
      admin().post('/sozialraeume/HRO-EV/traegerverbund', { leadProviderId: 'TR-E', memberProviderIds: ['TR-F'], effectiveFrom: '2024-01-01' }),
      201,
    );
    await expectStatus(
      admin().post('/sozialraeume/HRO-EV/changes', { name: 'Evershagen-Süd', residents: 9100, validFrom: tomorrow, reason: 'Neuzuschnitt' }),
      201,
    );
    await expectStatus(
      admin().post('/sozialraeume/HRO-EV/traegerverbund', { leadProviderId: 'TR-G', memberProviderIds: ['TR-E'], effectiveFrom: tomorrow }),
      201,
    );
    // Not yet in force at all: listed with its first version, without a Verbund.
    await expectStatus(
      admin().post('/sozialraeume', { sozialraumId: 'HRO-SH', name: 'Schmarl', residents: 9900, residentsUnder21: 2000, validFrom: tomorrow }),
      201,
    );
    await t.settle();

    const row = (items: any[], id: string) => items.find((s: any) => s.sozialraumId === id);
    const expected = {
      ev: {
        sozialraumId: 'HRO-EV',
        name: 'Evershagen',
        residents: 9000,
        residentsUnder21: 1800,
        leadProviderId: 'TR-E',
        memberProviderIds: ['TR-F'],
        version: 4,
      },
      sh: { sozialraumId: 'HRO-SH', name: 'Schmarl', residents: 9900, leadProviderId: null, memberProviderIds: [] },
    };
    const listed = (await expectStatus(admin().get('/sozialraeume'), 200)).body.items;
    expect(row(listed, 'HRO-EV')).toMatchObject(expected.ev);
    expect(row(listed, 'HRO-SH')).toMatchObject(expected.sh);
    expect((await expectStatus(admin().get('/sozialraeume?leadProviderId=TR-G'), 200)).body.items.map((s: any) => s.sozialraumId)).toEqual([]);
    expect((await expectStatus(admin().get('/sozialraeume?leadProviderId=TR-E'), 200)).body.items.map((s: any) => s.sozialraumId)).toEqual(['HRO-EV']);

    const detail = (await expectStatus(admin().get('/sozialraeume/HRO-EV'), 200)).body;
    expect(detail.current).toMatchObject({ name: 'Evershagen', residents: 9000 });
    expect(detail.history.map((v: any) => [v.validFrom, v.name, v.residents])).toEqual([
      ['2024-01-01', 'Evershagen', 9000],
      [tomorrow, 'Evershagen-Süd', 9100],
    ]);
    expect(detail.traegerverbundHistory.map((v: any) => [v.effectiveFrom, v.leadProviderId])).toEqual([
      ['2024-01-01', 'TR-E'],
      [tomorrow, 'TR-G'],
    ]);
    expect((await expectStatus(admin().get(`/sozialraeume/HRO-EV?asOf=${tomorrow}`), 200)).body.current).toMatchObject({
      name: 'Evershagen-Süd',
      residents: 9100,
    });

    // A rebuild keeps every version, so it lists the same.
    await t.app.get(ProjectionRunner).rebuild('master-data-lists');
    const rebuilt = (await expectStatus(admin().get('/sozialraeume'), 200)).body.items;
    expect(rebuilt).toEqual(listed);
    // The version is chosen when the list is read: from tomorrow on, the new facts and lead show.
    const fromTomorrow = (await t.app.get(MasterDataListsQuery).sozialraeume('HRO-JA', {}, tomorrow)).items;
    expect(row(fromTomorrow, 'HRO-EV')).toMatchObject({
      name: 'Evershagen-Süd',
      residents: 9100,
      validFrom: tomorrow,
      leadProviderId: 'TR-G',
      memberProviderIds: ['TR-E'],
    });
  });
});
