import { randomUUID } from 'node:crypto';
import { Pool, PoolClient } from 'pg';
import { todayInBerlin } from '../../libs/calendar';
import { PostgresEventStore } from '../../libs/event-store/postgres/postgres-event-store';
import { pgTransactionRunner } from '../../libs/event-store/consumer/transaction-runner';
import { SubjectState, TextKeys } from '../../libs/sealed-text/text-keys';
import { PrivacyEvent } from './privacy.events';
import { privacyStream, retentionClassOf } from './text-subjects';

/** Who erases or holds: an administrator, named on the command line, recorded as the actor. */
export interface PrivacyRequest {
  tenantId: string;
  subject: string;
  /** Why, in words without personal data (e.g. "Aufbewahrungsfrist abgelaufen"). */
  reason: string;
  by: string;
  now?: Date;
}

export interface ErasureOutcome {
  subject: string;
  /** false when the texts were erased before: nothing was done again. */
  erased: boolean;
  keyId: string | null;
  erasedAt: Date | null;
}

const inTransaction = <T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> => pgTransactionRunner(pool).run(work);

async function record(store: PostgresEventStore, client: PoolClient, request: PrivacyRequest, event: PrivacyEvent): Promise<void> {
  const now = request.now ?? new Date();
  await store.appendWith(
    client,
    privacyStream(request.tenantId, request.subject),
    [
      {
        eventId: randomUUID(),
        type: event.type,
        data: event.data,
        metadata: {
          tenantId: request.tenantId,
          actor: { userId: request.by, role: 'admin', organisationId: request.tenantId },
          correlationId: randomUUID(),
          causationId: null,
          businessDate: todayInBerlin(now),
        },
      },
    ],
    { expected: 'any' },
  );
}

/**
 * Erases the subject's free texts: deletes its key and records FreeTextsErased, in one
 * transaction. Refused (SubjectOnHold) under a legal hold. The events keep their sealed bytes, so
 * every hash, signature and figure stays as it was; every view shows "gelöscht" instead.
 */
export async function eraseFreeTexts(pool: Pool, store: PostgresEventStore, request: PrivacyRequest): Promise<ErasureOutcome> {
  const keys = new TextKeys(pool);
  return inTransaction(pool, async (client) => {
    const before: SubjectState | null = await keys.erase(client, request.tenantId, request.subject, request.by);
    if (before?.erasedAt) return { subject: request.subject, erased: false, keyId: before.keyId, erasedAt: before.erasedAt };
    await record(store, client, request, {
      type: 'FreeTextsErased',
      data: { subject: request.subject, keyId: before?.keyId ?? null, reason: request.reason, retentionClass: retentionClassOf(request.subject) },
    });
    return { subject: request.subject, erased: true, keyId: before?.keyId ?? null, erasedAt: request.now ?? new Date() };
  });
}

export async function placeLegalHold(pool: Pool, store: PostgresEventStore, request: PrivacyRequest): Promise<SubjectState> {
  const keys = new TextKeys(pool);
  return inTransaction(pool, async (client) => {
    const state = await keys.placeHold(client, request.tenantId, request.subject, request.reason, request.by);
    await record(store, client, request, { type: 'LegalHoldPlaced', data: { subject: request.subject, reason: request.reason } });
    return state;
  });
}

/** Lifts the hold; answers false when there was none (nothing recorded then). */
export async function liftLegalHold(pool: Pool, store: PostgresEventStore, request: PrivacyRequest): Promise<boolean> {
  const keys = new TextKeys(pool);
  return inTransaction(pool, async (client) => {
    const before = await keys.liftHold(client, request.tenantId, request.subject);
    if (!before) return false;
    await record(store, client, request, { type: 'LegalHoldLifted', data: { subject: request.subject, reason: request.reason } });
    return true;
  });
}
