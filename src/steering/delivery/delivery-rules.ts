import { createHash, createHmac } from 'node:crypto';
import { NOTIFICATION_TYPES } from '../domain/steering.events';

export type NotificationType = (typeof NOTIFICATION_TYPES)[number];
export const CHANNELS = ['email', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The roles whose people are told of steering notifications, and what each is told of unless a subscription narrows it. */
export const RECIPIENT_TYPES: Record<string, readonly NotificationType[]> = {
  controller: NOTIFICATION_TYPES,
  caseworker: NOTIFICATION_TYPES,
  wiju: NOTIFICATION_TYPES,
  auditor: NOTIFICATION_TYPES,
  // A provider takes part in the steering round and confirms the settlement: only those concern it.
  provider: [
    'OverrunProcedureOpened',
    'RenegotiationTriggered',
    'SettlementCalculated',
    'SettlementConfirmed',
    'SettlementApplied',
    'ProcedureStepOverdue',
    'SettlementConfirmationDue',
  ],
};
export const RECIPIENT_ROLES = Object.keys(RECIPIENT_TYPES);

/** After this many failed attempts a notification is a dead letter. */
export const MAX_ATTEMPTS = 6;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 6 * 3600_000;

/** Wait after the n-th failed attempt (1-based): 30 s, 1 min, 2 min, … at most 6 h. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

/**
 * The id a receiver deduplicates on: derived from the event and the subscription alone, so a
 * replay of the log, a second consumer or a resend after a crash all name the same notification.
 */
export function notificationId(eventId: string, subscriptionId: string): string {
  const hex = createHash('sha256').update(`${eventId}/${subscriptionId}`).digest('hex');
  // Shaped as a UUID (version 5 layout, variant 10) so it fits uuid columns and headers alike.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The webhook's signature header value: HMAC-SHA256 of the exact body bytes with the subscription's secret. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}
