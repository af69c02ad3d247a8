import { queryOptions } from '@tanstack/react-query';
import { api, ok } from './client';

/** Month closes, the pending work of the year and the year close of one Sozialraum-year. */

type Year = { sozialraumId: string; fiscalYear: number };

export function monthClosesQuery(year: Year) {
  return queryOptions({
    queryKey: ['month-closes', year.sozialraumId, year.fiscalYear],
    queryFn: ({ signal }) => ok(api.GET('/steering/{sozialraumId}/{fiscalYear}/month-closes', { params: { path: year }, signal })),
  });
}

/** GET /budgets/{sozialraumId}/{fiscalYear}: here for its status (closed: nothing is closed any more). */
export function budgetStatusQuery(year: Year) {
  return queryOptions({
    queryKey: ['budget-status', year.sozialraumId, year.fiscalYear],
    queryFn: async ({ signal }) => (await ok(api.GET('/budgets/{sozialraumId}/{fiscalYear}', { params: { path: year }, signal }))).status,
  });
}

export function pendingWorkQuery(year: Year) {
  return queryOptions({
    queryKey: ['pending-work', year.sozialraumId, year.fiscalYear],
    queryFn: ({ signal }) => ok(api.GET('/steering/{sozialraumId}/{fiscalYear}/pending-work', { params: { path: year }, signal })),
  });
}

export function closeMonth(year: Year, month: string, idempotencyKey: string) {
  return ok(
    api.POST('/steering/{sozialraumId}/{fiscalYear}/month-closes', { params: { path: year, header: { 'Idempotency-Key': idempotencyKey } }, body: { month } }),
  );
}

/** On the budget stream as the pending-work list showed it (If-Match): nothing may have come in since. */
export function closeYear(year: Year, reason: string, version: number, idempotencyKey: string) {
  return ok(
    api.POST('/steering/{sozialraumId}/{fiscalYear}/year-close', {
      params: { path: year, header: { 'Idempotency-Key': idempotencyKey, 'If-Match': `"${version}"` } },
      body: { reason },
    }),
  );
}
