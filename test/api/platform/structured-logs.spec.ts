import { Writable } from 'node:stream';
import { createAppLog } from '../../../libs/logging/app-log';
import { createTestApp, TestApp } from '../../support/test-app';

/**
 * The API's log as a collector receives it: one JSON line per answered request with request id,
 * tenant, user, role, route, status and duration; refusals at info with their problem type; and
 * nowhere a token, an Authorization header, the connection string or a value from a request body.
 */
describe('structured request log', () => {
  let t: TestApp;
  const written: string[] = [];
  const tokens: string[] = [];
  /** Values sent in bodies: none of them may show up in the log. */
  const MARKERS = {
    providerName: 'Markierung-Traegername-7Q2',
    rateReason: 'Markierung-Begruendung-4K9',
    invalidLegalForm: 'Markierung-Rechtsform-8Z1',
    brokenJson: 'Markierung-Kaputt-3X5',
    refusedReason: 'Markierung-Abgelehnt-6W4',
  };

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk, _encoding, callback) {
        written.push(String(chunk));
        callback();
      },
    });
    t = await createTestApp({}, { log: createAppLog({ service: 'api', level: 'info', destination }) });
  });
  afterAll(async () => t?.close());

  async function token(role: Parameters<TestApp['token']>[0]['role'], sub: string) {
    const jwt = await t.token({ role, sub });
    tokens.push(jwt);
    return `Bearer ${jwt}`;
  }
  const lines = () =>
    written
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  const requestLines = () => lines().filter((l) => typeof l.requestId === 'string' && typeof l.status === 'number');

  it('writes one line per request with who asked, the route template, status and duration', async () => {
    const admin = await token('admin', 'admin-log');
    const created = await t.http().post('/providers').set('authorization', admin).send({ providerId: 'TR-LOG', name: MARKERS.providerName, legalForm: 'e.V.' });
    expect(created.status).toBe(201);
    const read = await t.http().get('/providers/TR-LOG').set('authorization', admin).set('x-request-id', 'trace-from-the-proxy-42');
    expect(read.status).toBe(200);

    const [write, get] = requestLines().slice(-2);
    expect(write).toMatchObject({
      level: 'info',
      service: 'api',
      msg: 'request',
      method: 'POST',
      route: '/providers',
      status: 201,
      tenant: 'HRO-JA',
      user: 'admin-log',
      role: 'admin',
      durationMs: expect.any(Number),
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/),
    });
    // The route template, not the path: ids in paths are data of the caller.
    expect(get).toMatchObject({ method: 'GET', route: '/providers/:providerId', status: 200 });
    // The id the client (or its proxy) sent is kept, else one is made; the answer names it.
    expect(get.requestId).toBe('trace-from-the-proxy-42');
    expect(write.requestId).toBe(created.headers['x-request-id']);
  });

  it('logs refusals at info with their problem type, whatever the caller sent', async () => {
    const admin = await token('admin', 'admin-log');
    const caseworker = await token('caseworker', 'cw-log');
    const invalid = await t
      .http()
      .post('/providers')
      .set('authorization', admin)
      .send({ providerId: 'TR-LOG2', name: 'x', legalForm: MARKERS.invalidLegalForm });
    expect(invalid.status).toBe(400);
    const broken = await t
      .http()
      .post('/providers')
      .set('authorization', admin)
      .set('content-type', 'application/json')
      .send(`{"name": "${MARKERS.brokenJson}"`);
    expect(broken.status).toBe(400);
    const refused = await t.http().post('/cases/TW-25-999/approvals').set('authorization', caseworker).send({
      legalBasis: '31',
      providerId: 'TR-E',
      start: '2025-01-01',
      end: '2025-12-31',
      bescheidDate: '2025-01-01',
      hoursPerMonth: '4',
      rateReason: MARKERS.refusedReason,
    });
    // A domain refusal (no provider TR-E in this fresh tenant), not a validation failure.
    expect([refused.status, refused.body.type]).toEqual([422, '/problems/provider-not-registered']);
    const forbidden = await t.http().post('/providers').set('authorization', caseworker).send({ providerId: 'TR-LOG3', name: MARKERS.providerName });
    expect(forbidden.status).toBe(403);
    const unauthenticated = await t.http().get('/providers').set('authorization', 'Bearer not-a-token');
    expect(unauthenticated.status).toBe(401);

    const refusals = requestLines().slice(-5);
    expect(refusals.map((l) => [l.level, l.msg, l.status, l.problem])).toEqual([
      ['info', 'request refused', 400, invalid.body.type],
      ['info', 'request refused', 400, broken.body.type],
      ['info', 'request refused', 422, '/problems/provider-not-registered'],
      ['info', 'request refused', 403, forbidden.body.type],
      ['info', 'request refused', 401, unauthenticated.body.type],
    ]);
    expect(refusals[2]).toMatchObject({ route: '/cases/:caseRef/approvals', tenant: 'HRO-JA', user: 'cw-log', role: 'caseworker' });
  });

  it('never carries a token, an Authorization header, the connection string or a body value', async () => {
    const approvals = await token('caseworker', 'cw-log-2');
    await t.http().post('/cases').set('authorization', approvals).send({ caseRef: 'TW-25-777', sozialraumId: 'HRO-NONE' });
    const log = written.join('');
    expect(requestLines().length).toBeGreaterThanOrEqual(8);
    for (const jwt of tokens) {
      expect(log).not.toContain(jwt);
      // Not even a part of one: the signature alone would do to recognise the token.
      expect(log).not.toContain(jwt.split('.')[2]);
    }
    expect(log).not.toContain('not-a-token');
    expect(log.toLowerCase()).not.toContain('authorization');
    expect(log).not.toContain('Bearer');
    expect(log).not.toContain(t.databaseUrl);
    expect(log).not.toMatch(/postgres(ql)?:\/\//);
    for (const marker of Object.values(MARKERS)) expect(log).not.toContain(marker);
    expect(log).not.toContain('TW-25-777');
  });
});
