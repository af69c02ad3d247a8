import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api, ok } from './client';
import { newIdempotencyKey } from './idempotency-key';
import type {
  AuditEventFilter,
  AuditLogPage,
  BudgetItem,
  InvoiceItem,
  InvoiceStatus,
  NotificationPage,
  ProviderPage,
  SozialraumPage,
  ViewQuery,
} from './types';

/** No list is followed further than this many pages (a guard against a cursor that never ends). */
const MAX_PAGES = 200;
const PAGE_SIZE = 100;

/** Drops unset axes so that "no asOf" and "asOf undefined" are one cache entry and one URL. */
export function viewQuery(view: ViewQuery): ViewQuery {
  const query: ViewQuery = {};
  if (view.asOf) query.asOf = view.asOf;
  if (view.knownAt) query.knownAt = view.knownAt;
  if (view.knownAtPosition) query.knownAtPosition = view.knownAtPosition;
  return query;
}

/** Every item of a list the API pages, along nextCursor (bounded by MAX_PAGES). */
async function everyPage<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string | null }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let count = 0; count < MAX_PAGES; count++) {
    const body = await page(cursor);
    items.push(...body.items);
    if (!body.nextCursor) break;
    cursor = body.nextCursor;
  }
  return items;
}

/** Every budget of a fiscal year: GET /budgets, page after page. */
export function budgetsQuery(fiscalYear: number) {
  return queryOptions({
    queryKey: ['budgets', fiscalYear],
    queryFn: ({ signal }): Promise<BudgetItem[]> =>
      everyPage((cursor) => ok(api.GET('/budgets', { params: { query: { fiscalYear, limit: PAGE_SIZE, cursor } }, signal }))),
  });
}

/** The Sozialräume of the tenant (for their names): GET /sozialraeume, every page. */
export function sozialraeumeQuery() {
  return queryOptions({
    queryKey: ['sozialraeume'],
    staleTime: 5 * 60_000,
    queryFn: async ({ signal }) => {
      const items: SozialraumPage['items'] = await everyPage((cursor) =>
        ok(api.GET('/sozialraeume', { params: { query: { limit: PAGE_SIZE, cursor } }, signal })),
      );
      return new Map(items.map((item) => [item.sozialraumId, item.name]));
    },
  });
}

/** The names of the Träger (GET /providers, every page): a provider user sees only its own. */
export function providersQuery() {
  return queryOptions({
    queryKey: ['providers'],
    staleTime: 5 * 60_000,
    queryFn: async ({ signal }) => {
      const items: ProviderPage['items'] = await everyPage((cursor) => ok(api.GET('/providers', { params: { query: { limit: PAGE_SIZE, cursor } }, signal })));
      return new Map(items.map((item) => [item.providerId, item.name]));
    },
  });
}

type Key = { sozialraumId: string; fiscalYear: number; view?: ViewQuery };

/**
 * How often the figures of a Sozialraum-year are asked again while they can still change, so that
 * e.g. a crossing raised by a new approval appears without a reload. A view at a fixed Wissensstand
 * (knownAt) never changes and is not asked again; one at a past Stand am still can (late bookings).
 */
export const FIGURES_POLL_MS = 15_000;

export function pollInterval(view: ViewQuery): number | false {
  return view.knownAt || view.knownAtPosition ? false : FIGURES_POLL_MS;
}

function path({ sozialraumId, fiscalYear }: Key) {
  return { sozialraumId, fiscalYear };
}

/** GET /steering/{sozialraumId}/{fiscalYear}: thresholds crossed, procedure, settlement. */
export function steeringQuery(key: Key) {
  const query = viewQuery(key.view ?? {});
  return queryOptions({
    queryKey: ['steering', key.sozialraumId, key.fiscalYear, query],
    refetchInterval: pollInterval(query),
    queryFn: ({ signal }) => ok(api.GET('/steering/{sozialraumId}/{fiscalYear}', { params: { path: path(key), query }, signal })),
  });
}

/** GET …/utilisation: planned, committed, actual, forecast and available by category. */
export function utilisationQuery(key: Key) {
  const query = viewQuery(key.view ?? {});
  return queryOptions({
    queryKey: ['utilisation', key.sozialraumId, key.fiscalYear, query],
    refetchInterval: pollInterval(query),
    queryFn: ({ signal }) => ok(api.GET('/steering/{sozialraumId}/{fiscalYear}/utilisation', { params: { path: path(key), query }, signal })),
  });
}

/** GET …/monitoring-list: Ansatz, Bindungen, Anordnungen, Ist and Rest by category and in total. */
export function monitoringListQuery(key: Key) {
  const query = viewQuery(key.view ?? {});
  return queryOptions({
    queryKey: ['monitoring-list', key.sozialraumId, key.fiscalYear, query],
    refetchInterval: pollInterval(query),
    queryFn: ({ signal }) => ok(api.GET('/steering/{sozialraumId}/{fiscalYear}/monitoring-list', { params: { path: path(key), query }, signal })),
  });
}

/** GET …/forecast-timeline: every change of the forecast and of B with its cause. */
export function timelineQuery(key: Key) {
  const query = viewQuery(key.view ?? {});
  return queryOptions({
    queryKey: ['forecast-timeline', key.sozialraumId, key.fiscalYear, query],
    refetchInterval: pollInterval(query),
    queryFn: ({ signal }) => ok(api.GET('/steering/{sozialraumId}/{fiscalYear}/forecast-timeline', { params: { path: path(key), query }, signal })),
  });
}

/** Drops empty filters so that "no type" and "type ''" are one cache entry and one request. */
function auditFilter(filter: AuditEventFilter): AuditEventFilter {
  const query: AuditEventFilter = {};
  if (filter.streamId) query.streamId = filter.streamId;
  if (filter.type) query.type = filter.type;
  return query;
}

/** GET /audit/events in commit order, one page after another along nextCursor (on request). */
export function auditEventsQuery(filter: AuditEventFilter) {
  const query = auditFilter(filter);
  return infiniteQueryOptions({
    queryKey: ['audit-events', query],
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page: AuditLogPage) => page.nextCursor ?? undefined,
    queryFn: ({ pageParam, signal }) => ok(api.GET('/audit/events', { params: { query: { ...query, limit: PAGE_SIZE, cursor: pageParam } }, signal })),
  });
}

/** How often the Meldungen are asked again, so that new warnings appear without a reload. */
export const NOTIFICATIONS_POLL_MS = 15_000;
const NOTIFICATIONS_PAGE_SIZE = 50;

/** GET /notifications, newest first, further pages on request; asked again every 15 seconds. */
export function notificationsQuery() {
  return infiniteQueryOptions({
    queryKey: ['notifications'],
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page: NotificationPage) => page.nextCursor ?? undefined,
    queryFn: ({ pageParam, signal }) => ok(api.GET('/notifications', { params: { query: { limit: NOTIFICATIONS_PAGE_SIZE, cursor: pageParam } }, signal })),
    refetchInterval: NOTIFICATIONS_POLL_MS,
    staleTime: 0,
  });
}

/** GET /notifications/unread: the signed-in user's unread notifications per Sozialraum-year. */
export function unreadNotificationsQuery() {
  return queryOptions({
    queryKey: ['notifications-unread'],
    queryFn: ({ signal }) => ok(api.GET('/notifications/unread', { signal })),
    refetchInterval: NOTIFICATIONS_POLL_MS,
  });
}

/**
 * PUT /notifications/read-mark: the notifications up to `readUpTo` count as read. One
 * Idempotency-Key per mark, so that a retry of the same mark is answered from the server's record.
 */
export function markNotificationsRead(readUpTo: string) {
  return ok(api.PUT('/notifications/read-mark', { body: { readUpTo }, headers: { 'Idempotency-Key': newIdempotencyKey() } }));
}

/** GET /invoices of one work queue, oldest first (the API's order: submittedAt, then invoiceId), every page. */
export function invoiceQueueQuery(status: InvoiceStatus) {
  return queryOptions({
    queryKey: ['invoices', status],
    refetchInterval: NOTIFICATIONS_POLL_MS,
    queryFn: ({ signal }): Promise<InvoiceItem[]> =>
      everyPage((cursor) => ok(api.GET('/invoices', { params: { query: { status, limit: PAGE_SIZE, cursor } }, signal }))),
  });
}

/** GET /cases/{caseRef}: the case with its approvals, invoices (approved beside invoiced) and version. */
/** What the Rechnungsprüfung takes away for the offline verification: the keys and the newest checkpoint. */
export function auditTrailQuery() {
  return queryOptions({
    queryKey: ['audit-trail'],
    queryFn: async ({ signal }) => {
      const [keys, checkpoints] = await Promise.all([
        ok(api.GET('/audit/public-keys', { signal })),
        ok(api.GET('/audit/checkpoints', { params: { query: { limit: 1 } }, signal })),
      ]);
      return { keys: keys.items, newest: checkpoints.items[0] ?? null };
    },
  });
}

export function caseQuery(caseRef: string) {
  return queryOptions({
    queryKey: ['case', caseRef],
    queryFn: ({ signal }) => ok(api.GET('/cases/{caseRef}', { params: { path: { caseRef } }, signal })),
  });
}
