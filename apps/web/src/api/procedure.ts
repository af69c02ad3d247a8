import type { ClosingBody, DecisionBody, KaemmereiBody, MeetingBody, RequestBody } from '../procedure-forms';
import { api, ok } from './client';

/** The steps of the threshold procedure, each on the steering stream as the page showed it (If-Match). */

export interface SteeringTarget {
  sozialraumId: string;
  fiscalYear: number;
  version: number;
  idempotencyKey: string;
}

const params = (t: SteeringTarget) => ({
  path: { sozialraumId: t.sozialraumId, fiscalYear: t.fiscalYear },
  header: { 'Idempotency-Key': t.idempotencyKey, 'If-Match': `"${t.version}"` },
});

export const holdMeeting = (t: SteeringTarget, body: MeetingBody) =>
  ok(api.POST('/steering/{sozialraumId}/{fiscalYear}/procedure/meetings', { params: params(t), body }));

export const requestSupplementary = (t: SteeringTarget, body: RequestBody) =>
  ok(api.POST('/steering/{sozialraumId}/{fiscalYear}/procedure/supplementary-requests', { params: params(t), body }));

export const decideSupplementary = (t: SteeringTarget, requestId: string, body: DecisionBody) =>
  ok(
    api.POST('/steering/{sozialraumId}/{fiscalYear}/procedure/supplementary-requests/{requestId}/decision', {
      params: { ...params(t), path: { ...params(t).path, requestId } },
      body,
    }),
  );

export const reportToKaemmerei = (t: SteeringTarget, body: KaemmereiBody) =>
  ok(api.POST('/steering/{sozialraumId}/{fiscalYear}/procedure/kaemmerei-report', { params: params(t), body }));

export const closeProcedure = (t: SteeringTarget, body: ClosingBody) =>
  ok(api.POST('/steering/{sozialraumId}/{fiscalYear}/procedure/closing', { params: params(t), body }));
