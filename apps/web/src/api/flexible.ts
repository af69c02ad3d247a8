import { queryOptions } from '@tanstack/react-query';
import type { ReportActivityBody } from '../flexible';
import { api, ok } from './client';

/** The reads and commands of flexible money: activities reported by Träger, decided by the Jugendamt. */

const PAGE_SIZE = 100;
const MAX_PAGES = 50;

/** GET /flexible-activities of a fiscal year, every page (a Träger sees its own). */
export function activitiesQuery(fiscalYear: number) {
  return queryOptions({
    queryKey: ['flexible-activities', fiscalYear],
    queryFn: async ({ signal }) => {
      const items = [];
      let cursor: string | undefined;
      for (let count = 0; count < MAX_PAGES; count++) {
        const page = await ok(api.GET('/flexible-activities', { params: { query: { fiscalYear, limit: PAGE_SIZE, cursor } }, signal }));
        items.push(...page.items);
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      return items;
    },
  });
}

const key = (idempotencyKey: string) => ({ 'Idempotency-Key': idempotencyKey });
type Year = { sozialraumId: string; fiscalYear: number };

export function reportActivity(year: Year, body: ReportActivityBody, idempotencyKey: string) {
  return ok(api.POST('/budgets/{sozialraumId}/{fiscalYear}/activities', { params: { path: year, header: key(idempotencyKey) }, body }));
}

export function approveActivity(year: Year & { activityId: string }, amount: string | undefined, idempotencyKey: string) {
  return ok(
    api.POST('/budgets/{sozialraumId}/{fiscalYear}/activities/{activityId}/approval', {
      params: { path: year, header: key(idempotencyKey) },
      body: amount ? { amount } : {},
    }),
  );
}

export function rejectActivity(year: Year & { activityId: string }, reason: string, idempotencyKey: string) {
  return ok(
    api.POST('/budgets/{sozialraumId}/{fiscalYear}/activities/{activityId}/rejection', {
      params: { path: year, header: key(idempotencyKey) },
      body: { reason },
    }),
  );
}

export function reportActual(year: Year & { activityId: string }, amount: string, idempotencyKey: string) {
  return ok(
    api.POST('/budgets/{sozialraumId}/{fiscalYear}/activities/{activityId}/actual-report', {
      params: { path: year, header: key(idempotencyKey) },
      body: { amount },
    }),
  );
}
