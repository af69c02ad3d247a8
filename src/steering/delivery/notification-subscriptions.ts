import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CommandContext } from '../../../libs/ddd/command-context';
import { DomainError, NotFound } from '../../../libs/ddd/domain-error';
import { Static } from '../../../libs/http/contract/schema-types';
import { text } from '../../../libs/text/text';
import { STEERING_PROBLEMS } from '../steering.problems';
import { NotificationSubscriptionDto } from './delivery.dtos';
import { RECIPIENT_TYPES } from './delivery-rules';
import { DeadLetterList, NotificationSubscription, NotificationSubscriptionList } from './delivery.schemas';

interface SubscriptionRow {
  subscription_id: string;
  channel: 'email' | 'webhook';
  target: string;
  role: string;
  sozialraum_id: string | null;
  types: string[];
  signed: boolean;
  created_at: Date;
  ended_at: Date | null;
  end_reason: string | null;
}

const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Who receives which notifications, per tenant, role and Sozialraum. Addresses are personal data
 * and configuration, so they live in this plain table beside the log and never in an event; the
 * outbox names only the subscription, and the dispatcher looks the address up when it sends.
 */
@Injectable()
export class NotificationSubscriptions {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(ctx: CommandContext, dto: NotificationSubscriptionDto): Promise<Static<typeof NotificationSubscription>> {
    const target = dto.target.trim();
    if (dto.channel === 'email' && !EMAIL.test(target)) {
      throw new DomainError(
        STEERING_PROBLEMS['subscription-target-invalid'],
        text(`${target} ist keine E-Mail-Adresse.`, `${target} is not an email address.`),
      );
    }
    if (dto.channel === 'webhook') this.checkWebhook(target, dto.secret);
    if (dto.channel === 'email' && dto.secret !== undefined) {
      throw new DomainError(
        STEERING_PROBLEMS['subscription-target-invalid'],
        text('Ein Signaturschlüssel (secret) gilt nur für webhook.', 'A signing secret applies to webhooks only.'),
      );
    }
    const allowed = RECIPIENT_TYPES[dto.role];
    const types = dto.types ? [...new Set(dto.types)] : [...allowed];
    const foreign = types.filter((type) => !allowed.includes(type));
    if (foreign.length > 0) {
      throw new DomainError(
        STEERING_PROBLEMS['subscription-types-not-for-role'],
        text(
          `Die Rolle ${dto.role} erhält keine Meldungen der Art ${foreign.join(', ')}.`,
          `Role ${dto.role} receives no ${foreign.join(', ')} notifications.`,
        ),
        { allowed },
      );
    }
    const rows: SubscriptionRow[] = await this.dataSource.query(
      `insert into notification_subscriptions (subscription_id, tenant_id, channel, target, role, sozialraum_id, types, secret)
       values ($1, $2, $3, $4, $5, $6, $7::text[], $8)
       returning subscription_id, channel, target, role, sozialraum_id, types, secret is not null as signed, created_at, ended_at, end_reason`,
      [randomUUID(), ctx.tenantId, dto.channel, target, dto.role, dto.sozialraumId ?? null, types, dto.secret ?? null],
    );
    return view(rows[0]);
  }

  async list(ctx: CommandContext, subscriptionId?: string): Promise<Static<typeof NotificationSubscriptionList>> {
    const rows: SubscriptionRow[] = await this.dataSource.query(
      `select subscription_id, channel, target, role, sozialraum_id, types, secret is not null as signed, created_at, ended_at, end_reason
         from notification_subscriptions where tenant_id = $1 and ($2::uuid is null or subscription_id = $2::uuid) order by created_at, subscription_id`,
      [ctx.tenantId, subscriptionId ?? null],
    );
    return { items: rows.map(view) };
  }

  /** Ends a subscription: nothing more is written for it, and what is still pending for it is cancelled, in one transaction. */
  async end(ctx: CommandContext, subscriptionId: string, reason: string): Promise<Static<typeof NotificationSubscription>> {
    return this.dataSource.transaction(async (manager) => {
      const [current]: SubscriptionRow[] = await manager.query(
        `select subscription_id, ended_at from notification_subscriptions where tenant_id = $1 and subscription_id = $2::uuid for update`,
        [ctx.tenantId, subscriptionId],
      );
      if (!current)
        throw new NotFound(
          STEERING_PROBLEMS['subscription-not-found'],
          text(`Das Abonnement ${subscriptionId} gibt es nicht.`, `No subscription ${subscriptionId}.`),
        );
      if (current.ended_at)
        throw new DomainError(
          STEERING_PROBLEMS['subscription-ended'],
          text(
            `Das Abonnement wurde am ${new Date(current.ended_at).toISOString()} beendet.`,
            `The subscription was ended at ${new Date(current.ended_at).toISOString()}.`,
          ),
        );
      await manager.query(`update notification_subscriptions set ended_at = now(), end_reason = $3 where tenant_id = $1 and subscription_id = $2::uuid`, [
        ctx.tenantId,
        subscriptionId,
        reason,
      ]);
      const [row]: SubscriptionRow[] = await manager.query(
        `select subscription_id, channel, target, role, sozialraum_id, types, secret is not null as signed, created_at, ended_at, end_reason
           from notification_subscriptions where subscription_id = $1::uuid`,
        [subscriptionId],
      );
      await manager.query(
        `update notification_deliveries set status = 'cancelled'
          where status = 'pending' and notification_id in (select notification_id from notification_outbox where subscription_id = $1::uuid)`,
        [subscriptionId],
      );
      return view(row);
    });
  }

  async deadLetters(ctx: CommandContext): Promise<Static<typeof DeadLetterList>> {
    const rows: Array<{
      notification_id: string;
      subscription_id: string;
      channel: 'email' | 'webhook';
      event_id: string;
      global_position: string;
      payload: { type: Static<typeof DeadLetterList>['items'][number]['type']; summary: string };
      attempts: number;
      last_error: string | null;
      created_at: Date;
      last_attempt_at: Date | null;
    }> = await this.dataSource.query(
      `select d.notification_id, o.subscription_id, o.channel, o.event_id, o.global_position::text, o.payload, d.attempts, d.last_error,
              o.recorded_at as created_at, d.last_attempt_at
         from notification_deliveries d join notification_outbox o on o.notification_id = d.notification_id
        where d.tenant_id = $1 and d.status = 'dead' order by d.last_attempt_at desc, d.notification_id limit 500`,
      [ctx.tenantId],
    );
    return {
      items: rows.map((r) => ({
        notificationId: r.notification_id,
        subscriptionId: r.subscription_id,
        channel: r.channel,
        eventId: r.event_id,
        position: r.global_position,
        type: r.payload.type,
        summary: r.payload.summary,
        attempts: r.attempts,
        lastError: r.last_error,
        createdAt: new Date(r.created_at).toISOString(),
        lastAttemptAt: r.last_attempt_at ? new Date(r.last_attempt_at).toISOString() : null,
      })),
    };
  }

  /** HTTPS only, so the signed body is not read on the way; plain HTTP only to this machine (a local relay, tests). */
  private checkWebhook(target: string, secret: string | undefined): void {
    const url = URL.parse(target);
    const local = url !== null && url.protocol === 'http:' && (LOOPBACK.has(url.hostname) || (isIP(url.hostname) === 4 && url.hostname.startsWith('127.')));
    if (!url || !(url.protocol === 'https:' || local) || url.username || url.password) {
      throw new DomainError(
        STEERING_PROBLEMS['subscription-target-invalid'],
        text(`${target} ist keine HTTPS-Adresse ohne Zugangsdaten.`, `${target} is not an HTTPS address without credentials.`),
      );
    }
    if (secret === undefined) {
      throw new DomainError(
        STEERING_PROBLEMS['subscription-target-invalid'],
        text('Ein webhook braucht einen Signaturschlüssel (secret).', 'A webhook needs a signing secret.'),
      );
    }
  }
}

function view(row: SubscriptionRow): Static<typeof NotificationSubscription> {
  return {
    subscriptionId: row.subscription_id,
    channel: row.channel,
    target: row.target,
    role: row.role,
    sozialraumId: row.sozialraum_id,
    types: row.types as Static<typeof NotificationSubscription>['types'],
    signed: row.signed,
    createdAt: new Date(row.created_at).toISOString(),
    endedAt: row.ended_at ? new Date(row.ended_at).toISOString() : null,
    endReason: row.end_reason,
  };
}
