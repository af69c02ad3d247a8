import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialiseDocument } from '../../libs/http/openapi-document';
import { createTestApp, TestApp } from '../support/test-app';

const COMMITTED = join(__dirname, '../../docs/openapi.json');
const CLIENT_TYPES = join(__dirname, '../../apps/web/src/api/api-schema.ts');
const TAGS = [
  'Stammdaten',
  'Budgetverträge',
  'Sozialraumbudgets',
  'Flexible Mittel',
  'Einzelfallhilfen',
  'Steuerung',
  'Wirkung',
  'Finanzverfahren',
  'Rechnungsprüfung',
  'Anmeldung',
  'Betrieb',
];

/**
 * docs/openapi.json is the API contract clients are generated from. It is written from the running
 * API by `npm run docs:openapi`; this test fails when the API and the committed document differ, so
 * every change of the contract shows in the diff of a review.
 */
describe('the committed OpenAPI document', () => {
  let t: TestApp;
  let document: any;
  beforeAll(async () => {
    t = await createTestApp();
    document = (await t.http().get('/docs-json')).body;
  });
  afterAll(async () => t?.close());

  it('is the document the API serves (run `npm run docs:openapi` after changing the API)', () => {
    const served = serialiseDocument(document);
    if (process.env.UPDATE_OPENAPI === '1') writeFileSync(COMMITTED, served);
    expect(readFileSync(COMMITTED, 'utf8')).toBe(served);
  });

  it('is what the typed client is generated from (openapi-typescript; run `npm run docs:openapi`)', () => {
    const folder = mkdtempSync(join(tmpdir(), 'sozialraum-openapi-'));
    try {
      const generated = join(folder, 'api-schema.ts');
      execFileSync(process.execPath, [join(__dirname, '../../node_modules/openapi-typescript/bin/cli.js'), COMMITTED, '-o', generated], { stdio: 'pipe' });
      if (process.env.UPDATE_OPENAPI === '1') writeFileSync(CLIENT_TYPES, readFileSync(generated, 'utf8'));
      expect(readFileSync(CLIENT_TYPES, 'utf8')).toBe(readFileSync(generated, 'utf8'));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('declares the bearer token, Idempotency-Key and If-Match where the API honours them, with German tags', () => {
    const operations = Object.entries<Record<string, any>>(document.paths).flatMap(([path, item]) =>
      Object.entries<any>(item).map(([method, op]) => ({ path, method, op })),
    );
    expect(operations.length).toBeGreaterThan(80);
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(operations.filter((o) => o.path === '/health').every((o) => Array.isArray(o.op.security) && o.op.security.length === 0)).toBe(true);
    const writes = operations.filter((o) => o.method !== 'get');
    const headers = (o: { op: any }) => (o.op.parameters ?? []).filter((p: any) => p.in === 'header').map((p: any) => p.name);
    expect(writes.filter((o) => !headers(o).includes('Idempotency-Key') || !headers(o).includes('If-Match')).map((o) => `${o.method} ${o.path}`)).toEqual([]);
    expect(operations.filter((o) => !(o.op.tags ?? []).every((tag: string) => TAGS.includes(tag))).map((o) => `${o.method} ${o.path}: ${o.op.tags}`)).toEqual(
      [],
    );
  });

  const operationsOf = (doc: any) =>
    Object.entries<Record<string, any>>(doc.paths).flatMap(([path, item]) => Object.entries<any>(item).map(([method, op]) => ({ path, method, op })));

  it('describes every operation in German: summary and description', () => {
    const undescribed = operationsOf(document).filter(
      ({ op }) => !op.summary?.trim() || !op.description?.trim() || op.description.trim() === op.summary.trim(),
    );
    expect(undescribed.map((o) => `${o.method} ${o.path}`)).toEqual([]);
  });

  it('says of every path and query parameter what it means, with an example', () => {
    const wrong = operationsOf(document).flatMap(({ path, method, op }) =>
      (op.parameters ?? [])
        .filter((p: any) => p.in === 'path' || p.in === 'query')
        .filter((p: any) => !p.description || (p.example === undefined && p.schema?.example === undefined))
        .map((p: any) => `${method} ${path} ${p.in} ${p.name}`),
    );
    expect(wrong).toEqual([]);
  });

  it('answers every success with a named schema (or a declared file type), every 201 with its Location', () => {
    const schemas = Object.keys(document.components.schemas);
    const wrong: string[] = [];
    for (const { path, method, op } of operationsOf(document)) {
      const successes = Object.entries<any>(op.responses).filter(([status]) => Number(status) < 300);
      if (successes.length !== 1) wrong.push(`${method} ${path}: ${successes.length} success answers`);
      for (const [status, response] of successes) {
        const content = response.content ?? {};
        const json = content['application/json']?.schema;
        const file = content['text/csv'] ?? content['application/x-ndjson'] ?? content['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];
        const ref = /^#\/components\/schemas\/(\w+)$/.exec(json?.$ref ?? '')?.[1];
        if (!file && (!ref || !schemas.includes(ref))) wrong.push(`${method} ${path} ${status}: no named schema`);
        if (status === '201' && !response.headers?.Location) wrong.push(`${method} ${path}: 201 without Location`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('declares for every operation the problem answers any call can get, each with the problem types of its status', () => {
    const wrong: string[] = [];
    for (const { path, method, op } of operationsOf(document)) {
      const expected =
        op.security?.length === 0 ? [400, 429] : method === 'get' ? [400, 401, 403, 429, 503] : [400, 401, 403, 409, 412, 413, 415, 422, 429, 503];
      for (const status of expected) {
        const schema = op.responses[status]?.content?.['application/problem+json']?.schema;
        const types = schema?.allOf?.[1]?.properties?.type?.enum;
        if (!schema || !Array.isArray(types) || types.length === 0 || !types.every((t: string) => t.startsWith('/problems/'))) {
          wrong.push(`${method.toUpperCase()} ${path}: ${status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('declares, with an identity provider configured, its discovery URL as a security scheme', async () => {
    const issuer = 'https://login.rostock.de/realms/jugendamt';
    const oidc = await createTestApp({ AUTH_JWKS_URL: `${issuer}/protocol/openid-connect/certs`, AUTH_ISSUER: issuer, AUTH_AUDIENCE: 'sozialraum-budget' });
    try {
      const served = (await oidc.http().get('/docs-json')).body;
      expect(served.components.securitySchemes.oidc).toMatchObject({ type: 'openIdConnect', openIdConnectUrl: `${issuer}/.well-known/openid-configuration` });
      expect(served.security).toEqual([{ bearer: [] }, { oidc: [] }]);
    } finally {
      await oidc.close();
    }
  });
});
