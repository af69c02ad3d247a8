import { named } from '../../../libs/http/contract/named-schemas';
import { LogPosition, Nullable, OneOf, Shape, Timestamp, Type } from '../../../libs/http/contract/schema-types';
import { NOTIFICATION_TYPES } from '../domain/steering.events';
import { CHANNELS, RECIPIENT_ROLES } from './delivery-rules';

const NotificationTypeCode = OneOf(NOTIFICATION_TYPES, { description: 'Art der Meldung' });

export const NotificationSubscription = named(
  'NotificationSubscription',
  Shape({
    subscriptionId: Type.String({ format: 'uuid' }),
    channel: OneOf(CHANNELS, { description: 'email oder webhook' }),
    target: Type.String({ description: 'E-Mail-Adresse oder HTTPS-Adresse des Empfängers' }),
    role: OneOf(RECIPIENT_ROLES as unknown as readonly string[], { description: 'Rolle der Empfänger' }),
    sozialraumId: Nullable(Type.String({ description: 'Nur dieser Sozialraum; null: alle' })),
    types: Type.Array(NotificationTypeCode, { description: 'Die Meldungsarten, die zugestellt werden' }),
    signed: Type.Boolean({ description: 'Ob ein Signaturschlüssel hinterlegt ist (der Schlüssel selbst wird nie ausgegeben)' }),
    createdAt: Timestamp,
    endedAt: Nullable(Timestamp),
    endReason: Nullable(Type.String()),
  }),
  'Wer welche Meldungen der Steuerung zugestellt bekommt: Kanal, Empfänger, Rolle, Sozialraum, Meldungsarten; ein beendetes Abonnement erhält nichts mehr',
);

export const NotificationSubscriptionList = named(
  'NotificationSubscriptionList',
  Shape({ items: Type.Array(NotificationSubscription) }),
  'Die Abonnements des Mandanten, nach Anlagezeitpunkt',
);

export const DeadLetterList = named(
  'DeadLetterList',
  Shape({
    items: Type.Array(
      Shape({
        notificationId: Type.String({ format: 'uuid', description: 'Die Kennung, auf die Empfänger deduplizieren (Idempotency-Key, X-Notification-Id)' }),
        subscriptionId: Type.String({ format: 'uuid' }),
        channel: OneOf(CHANNELS),
        eventId: Type.String({ format: 'uuid' }),
        position: LogPosition,
        type: NotificationTypeCode,
        summary: Type.String(),
        attempts: Type.Integer({ description: 'Zustellversuche' }),
        lastError: Nullable(Type.String({ description: 'Der Fehler des letzten Versuchs' })),
        createdAt: Timestamp,
        lastAttemptAt: Nullable(Timestamp),
      }),
    ),
  }),
  'Meldungen, deren Zustellung nach allen Versuchen gescheitert ist, neueste zuerst',
);
