import Fastify, { FastifyInstance } from 'fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { checkContract } from '../support/contract-check';

/** The check every API test runs under: it must catch what the document does not declare. */
describe('the contract check of the API tests', () => {
  const document = {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    components: {
      schemas: {
        Thing: { type: 'object', additionalProperties: false, required: ['id', 'amount'], properties: { id: { type: 'string' }, amount: { type: 'string' } } },
      },
    },
    paths: {
      '/things/{id}': {
        get: {
          responses: {
            200: {
              description: 'ok',
              headers: { ETag: { schema: { type: 'string' } } },
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
            },
            404: {
              description: 'no',
              content: { 'application/problem+json': { schema: { type: 'object', properties: { type: { enum: ['/problems/thing-not-found'] } } } } },
            },
          },
        },
      },
    },
  } as unknown as OpenAPIObject;
  let app: FastifyInstance;
  let answer: { status: number; body: unknown; headers?: Record<string, string>; type?: string; binary?: boolean };

  beforeAll(async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    app = Fastify();
    checkContract(app, document, { record: false });
    app.get('/things/:id', async (_request, reply) => {
      reply.code(answer.status).header('content-type', answer.type ?? 'application/json');
      for (const [name, value] of Object.entries(answer.headers ?? {})) reply.header(name, value);
      return answer.binary ? Buffer.from(String(answer.body)) : JSON.stringify(answer.body);
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    jest.restoreAllMocks();
  });

  const call = async (given: typeof answer) => {
    answer = given;
    const res = await app.inject({ method: 'GET', url: '/things/a' });
    return { status: res.statusCode, detail: res.statusCode === 500 ? (res.json() as { detail: string }).detail : '' };
  };

  it('lets a declared answer through unchanged', async () => {
    expect(await call({ status: 200, body: { id: 'a', amount: '1.00' }, headers: { etag: '"1"' } })).toEqual({ status: 200, detail: '' });
    expect(await call({ status: 404, body: { type: '/problems/thing-not-found' }, type: 'application/problem+json' })).toEqual({ status: 404, detail: '' });
  });

  it('turns an undeclared field, a number for a string, a missing field into a 500 naming it', async () => {
    expect((await call({ status: 200, body: { id: 'a', amount: '1.00', extra: 1 } })).detail).toContain('must NOT have additional properties (extra)');
    expect((await call({ status: 200, body: { id: 'a', amount: 1 } })).detail).toContain('body/amount must be string');
    expect((await call({ status: 200, body: { id: 'a' } })).detail).toContain("must have required property 'amount'");
  });

  it('refuses an undeclared status, header, content type or problem type', async () => {
    expect((await call({ status: 409, body: {} })).detail).toContain('status 409 is not declared');
    expect((await call({ status: 200, body: { id: 'a', amount: '1.00' }, headers: { location: '/x' } })).detail).toContain('header location is not declared');
    expect((await call({ status: 200, body: 'x', type: 'text/csv' })).detail).toContain('content type text/csv is not declared');
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    expect((await call({ status: 200, body: 'PK', type: xlsx, binary: true })).detail).toContain(`content type ${xlsx} is not declared`);
    expect((await call({ status: 404, body: { type: '/problems/other' }, type: 'application/problem+json' })).detail).toContain(
      'must be equal to one of the allowed values',
    );
  });
});
