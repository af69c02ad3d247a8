import { createTestApp, TestApp } from '../support/test-app';

/**
 * Problems speak German unless the client asks for English; the problem type stays the machine
 * key. A field that is wrong gets one sentence, however many of its constraints it fails.
 */
describe('the language of problem answers', () => {
  let t: TestApp;
  let wiju: string;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    wiju = await t.token({ role: 'wiju' });
    admin = await t.token({ role: 'admin' });
  });
  afterAll(async () => t?.close());

  const reject = (language?: string) => {
    const req = t.http().post('/cases/TW-25-001/invoices/TW-25-001-B1-R1/rejection').set('authorization', `Bearer ${wiju}`);
    return (language ? req.set('accept-language', language) : req).send({});
  };

  it('names a missing field once, in German by default and in English on request', async () => {
    const german = await reject();
    expect(german.status).toBe(400);
    expect(german.headers['content-language']).toBe('de');
    expect(german.body).toMatchObject({
      type: '/problems/validation-failed',
      title: 'Die Anfrage ist ungültig',
      detail: 'reason: fehlt; das Feld ist Pflicht.',
    });
    expect(german.body.errors).toEqual([{ field: 'reason', message: 'fehlt; das Feld ist Pflicht.' }]);

    const english = await reject('en-GB,en;q=0.9,de;q=0.5');
    expect(english.headers['content-language']).toBe('en');
    expect(english.body).toMatchObject({
      type: '/problems/validation-failed',
      title: 'The request is invalid',
      detail: 'reason: is missing; the field is required.',
    });
    expect(english.body.errors).toEqual([{ field: 'reason', message: 'is missing; the field is required.' }]);
  });

  it('says what is wrong with a present field in one sentence, with the limit it breaks', async () => {
    const res = await t
      .http()
      .post('/cases/TW-25-001/invoices/TW-25-001-B1-R1/rejection')
      .set('authorization', `Bearer ${wiju}`)
      .send({ reason: 'x'.repeat(501) });
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].field).toBe('reason');
    expect(res.body.errors[0].message).toMatch(/^darf höchstens \d+ Zeichen lang sein\.$/);
  });

  it('gives a refusal of the domain its German title and detail, and the English ones on request', async () => {
    const german = await t.http().get('/sozialraeume/HRO-XX').set('authorization', `Bearer ${admin}`);
    expect(german.status).toBe(404);
    expect(german.body).toMatchObject({
      type: '/problems/sozialraum-not-found',
      title: 'Sozialraum nicht gefunden',
      detail: 'Der Sozialraum HRO-XX ist nicht registriert.',
    });
    const english = await t.http().get('/sozialraeume/HRO-XX').set('authorization', `Bearer ${admin}`).set('accept-language', 'en');
    expect(english.body).toMatchObject({
      type: '/problems/sozialraum-not-found',
      title: 'Sozialraum not found',
      detail: 'Sozialraum HRO-XX is not registered.',
    });
  });

  it('speaks German to a client that asks for a language the API does not speak', async () => {
    const res = await t.http().get('/sozialraeume/HRO-XX').set('authorization', `Bearer ${admin}`).set('accept-language', 'fr-FR');
    expect(res.headers['content-language']).toBe('de');
    expect(res.body.title).toBe('Sozialraum nicht gefunden');
  });

  it('answers an unauthenticated call in the language asked for', async () => {
    const res = await t.http().get('/sozialraeume').set('accept-language', 'en');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ type: '/problems/unauthenticated', title: 'Authentication required', detail: 'A bearer token is required.' });
    expect((await t.http().get('/sozialraeume')).body.detail).toBe('Ein Bearer-Token ist erforderlich.');
  });
});
