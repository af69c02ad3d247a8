import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { getMetadataStorage } from 'class-validator';
// The package's typings live apart from its CommonJS build; the storage is the one @Type writes to.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the storage module has no typings of its own at this path
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');
import { createTestApp, TestApp } from '../../support/test-app';
import { MATRIX } from '../role-matrix/role-matrix.check';
import { createExampleApi, endpointExamples } from '../support/all-examples';
import { writeRoutes } from '../support/bad-input-mutations';

type Dto = new (...args: unknown[]) => unknown;

/** The body DTO class of every route of the app, keyed as the role matrix names routes. */
function bodyDtos(t: TestApp): Map<string, Dto> {
  const found = new Map<string, Dto>();
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Dto;
      const prefix = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '').replace(/^\/|\/$/g, '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        const path = Reflect.getMetadata(PATH_METADATA, handler);
        if (name === 'constructor' || path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const args: Record<string, { index: number }> = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {};
        const body = Object.entries(args).find(([key]) => Number(key.split(':')[0]) === RouteParamtypes.BODY);
        if (!body) continue;
        const type = (Reflect.getMetadata('design:paramtypes', controller.prototype, name) as Dto[])[body[1].index];
        const route = ['', prefix, String(path).replace(/^\/|\/$/g, '')].filter((p, i) => i === 0 || p !== '').join('/');
        found.set(`${method} ${route}`, type);
      }
    }
  }
  return found;
}

/**
 * Paths of every nested object or list a DTO declares (`@ValidateNested`) that `body` leaves out or
 * leaves empty, at any depth: a body that fills them proves that nested data reaches the events.
 */
function missingNested(dto: Dto, body: unknown, path = ''): string[] {
  const nested = getMetadataStorage()
    .getTargetValidationMetadatas(dto, '', true, false)
    .filter((m) => m.type === 'nestedValidation');
  const missing: string[] = [];
  for (const { propertyName } of nested) {
    const field = path ? `${path}.${propertyName}` : propertyName;
    const value = (body as Record<string, unknown> | undefined)?.[propertyName];
    const type = defaultMetadataStorage.findTypeMetadata(dto, propertyName)?.typeFunction() as Dto | undefined;
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) {
      missing.push(field);
      continue;
    }
    if (!type) continue;
    for (const [i, item] of (Array.isArray(value) ? value : [value]).entries()) {
      missing.push(...missingNested(type, item, Array.isArray(value) ? `${field}[${i}]` : field));
    }
  }
  return missing;
}

/**
 * Nested request data (lists of value limits, instalments, planned amounts, participants) reaches
 * the events as plain JSON: every write endpoint's example body fills every nested object and list
 * its DTO declares, optional ones included, and the examples specs of each capability send these
 * bodies and expect 2xx. Here: the examples are complete, and one such body goes through.
 */
describe('write endpoint examples fill every nested object and list', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('finds the body DTO of every write route of the matrix, nested ones among them', () => {
    const dtos = bodyDtos(t);
    const routes = writeRoutes(MATRIX).map(([key]) => key);
    const withBody = routes.filter((key) => dtos.has(key));
    expect(withBody.length).toBeGreaterThan(40);
    expect(withBody.filter((key) => missingNested(dtos.get(key)!, {}).length > 0).length).toBeGreaterThanOrEqual(5);
  });

  it.each(writeRoutes(MATRIX))('%s', async (key, role) => {
    const dto = bodyDtos(t).get(key);
    if (!dto) return expect(key).toMatch(/^POST /);
    const call = await endpointExamples.get(key)!(createExampleApi(t), role);
    expect({ key, missing: missingNested(dto, call.body ?? {}) }).toEqual({ key, missing: [] });
  });

  it('a contract version with its own value limits is concluded and applies them', async () => {
    const call = await endpointExamples.get('POST /budget-contracts/:sozialraumId/versions')!(createExampleApi(t), 'controller');
    const token = await t.token({ role: 'controller' });
    const res = await t.http().post(call.path).set('authorization', `Bearer ${token}`).send(call.body!);
    expect(res.status).toBe(201);
    const limits = (call.body as any).terms.supplementaryApprovalLimits;
    expect(limits.length).toBeGreaterThan(1);
    const read = await t.http().get(call.path.replace('/versions', '')).set('authorization', `Bearer ${token}`);
    expect(JSON.stringify(read.body)).toContain(JSON.stringify(limits));
  });
});
