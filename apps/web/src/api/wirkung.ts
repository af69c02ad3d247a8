import { queryOptions } from '@tanstack/react-query';
import { api, ok } from './client';
import { viewQuery } from './queries';
import type { ViewQuery } from './types';

/** The reads and commands of the Wirkung section (R12): indicators, target agreements, reports, evaluation. */

type Key = { sozialraumId: string; fiscalYear: number; view?: ViewQuery };

const path = ({ sozialraumId, fiscalYear }: Key) => ({ sozialraumId, fiscalYear });

/** GET /wirkung/{s}/{y}: every indicator with its year value, quarters and target line. */
export function wirkungQuery(key: Key) {
  const query = viewQuery(key.view ?? {});
  return queryOptions({
    queryKey: ['wirkung', key.sozialraumId, key.fiscalYear, query],
    queryFn: ({ signal }) => ok(api.GET('/wirkung/{sozialraumId}/{fiscalYear}', { params: { path: path(key), query }, signal })),
  });
}

/** GET …/target-agreements: the agreement in force and every proposal with its state, through the view (version is today's). */
export function targetAgreementsQuery(key: Key) {
  const query = viewQuery(key.view ?? {});
  return queryOptions({
    queryKey: ['wirkung-agreements', key.sozialraumId, key.fiscalYear, query],
    queryFn: ({ signal }) => ok(api.GET('/wirkung/{sozialraumId}/{fiscalYear}/target-agreements', { params: { path: path(key), query }, signal })),
  });
}

/** GET …/reports: every reported value with its corrections. */
export function indicatorReportsQuery(key: Key) {
  const query = viewQuery(key.view ?? {});
  return queryOptions({
    queryKey: ['wirkung-reports', key.sozialraumId, key.fiscalYear, query],
    queryFn: ({ signal }) => ok(api.GET('/wirkung/{sozialraumId}/{fiscalYear}/reports', { params: { path: path(key), query }, signal })),
  });
}

/** GET …/evaluation: the evaluation as recorded with the settlement, and a preview from today's figures. */
export function evaluationQuery(key: Key) {
  return queryOptions({
    queryKey: ['wirkung-evaluation', key.sozialraumId, key.fiscalYear],
    queryFn: ({ signal }) => ok(api.GET('/wirkung/{sozialraumId}/{fiscalYear}/evaluation', { params: { path: path(key) }, signal })),
  });
}

/** GET …/report: the Jugendhilfeausschuss report, small cells protected, through the view. */
export function jhaReportQuery(key: Key) {
  const query = viewQuery(key.view ?? {});
  return queryOptions({
    queryKey: ['wirkung-report', key.sozialraumId, key.fiscalYear, query],
    queryFn: ({ signal }) => ok(api.GET('/wirkung/{sozialraumId}/{fiscalYear}/report', { params: { path: path(key), query }, signal })),
  });
}

/** GET /indicators: the tenant's catalogue (for the reported indicators and their reporters). */
export function indicatorCatalogueQuery() {
  return queryOptions({
    queryKey: ['indicators'],
    staleTime: 5 * 60_000,
    queryFn: ({ signal }) => ok(api.GET('/indicators', { signal })),
  });
}

/** GET /indicators/{key}/comparison/{y}: one indicator in every Sozialraum of the tenant. */
export function comparisonQuery(indicatorKey: string, fiscalYear: number) {
  return queryOptions({
    queryKey: ['wirkung-comparison', indicatorKey, fiscalYear],
    queryFn: ({ signal }) => ok(api.GET('/indicators/{indicatorKey}/comparison/{fiscalYear}', { params: { path: { indicatorKey, fiscalYear } }, signal })),
  });
}

/** What one command sends beside its body: its Idempotency-Key and, where known, the version it was decided on. */
export interface WirkungSubmission {
  idempotencyKey: string;
  version?: number;
}

const headers = (s: WirkungSubmission) => ({ 'Idempotency-Key': s.idempotencyKey, ...(s.version !== undefined ? { 'If-Match': `"${s.version}"` } : {}) });

export type AgreementAnswer = 'agree' | 'reject' | 'withdraw';

/** POST …/target-agreements/{id}/agreement|rejection|withdrawal, with an optional reason. */
export function answerTargetAgreement(key: Key, targetAgreementId: string, answer: AgreementAnswer, reason: string, s: WirkungSubmission) {
  const params = { path: { ...path(key), targetAgreementId }, header: headers(s) };
  const body = reason.trim() ? { reason: reason.trim() } : {};
  switch (answer) {
    case 'agree':
      return ok(api.POST('/wirkung/{sozialraumId}/{fiscalYear}/target-agreements/{targetAgreementId}/agreement', { params, body }));
    case 'reject':
      return ok(api.POST('/wirkung/{sozialraumId}/{fiscalYear}/target-agreements/{targetAgreementId}/rejection', { params, body }));
    case 'withdraw':
      return ok(api.POST('/wirkung/{sozialraumId}/{fiscalYear}/target-agreements/{targetAgreementId}/withdrawal', { params, body }));
  }
}

export interface ReportBody {
  indicatorKey: string;
  period: string;
  value: string;
  note: string;
  corrects?: string;
  reason?: string;
}

/** POST …/reports: a value of a reported indicator for a quarter or month; a correction names corrects and reason. */
export function reportIndicatorValue(key: Key, body: ReportBody, s: WirkungSubmission) {
  return ok(api.POST('/wirkung/{sozialraumId}/{fiscalYear}/reports', { params: { path: path(key), header: headers(s) }, body }));
}
