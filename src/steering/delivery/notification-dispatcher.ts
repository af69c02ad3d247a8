import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { Pool, PoolClient } from 'pg';
import { APP_CONFIG, AppConfig } from '../../../libs/config/app-config';
import { PG_POOL } from '../../../libs/database/database.module';
import { backoffMs, MAX_ATTEMPTS, signature } from './delivery-rules';

/** How often the dispatcher looks for due notifications. */
const TICK_MS = 1_000;
/** Notifications sent per tick at most, so one tick never holds the timer for long. */
const PER_TICK = 100;
/**
 * A send is bounded well below the connections' idle_in_transaction_session_timeout (30 s): the
 * claimed row's transaction stays open while it is sent.
 */
const SEND_TIMEOUT_MS = 10_000;

interface DueRow {
  notification_id: string;
  channel: 'email' | 'webhook';
  payload: Record<string, unknown> & { summary: string; sozialraumId: string; fiscalYear: number };
  attempts: number;
  target: string | null;
  secret: string | null;
  ended: boolean;
}

export interface DeliveryOptions {
  /** Rows whose next attempt is due at this time (default: now). */
  now?: Date;
  /** Called after a send succeeded and before the row is marked sent: where a crash costs a resend. */
  afterSend?: (notificationId: string) => Promise<void> | void;
}

/**
 * Sends the outbox's due notifications: mail over SMTP, webhooks as signed HTTPS POST. Each
 * delivery row is claimed with `for update skip locked` in its own transaction and stays locked while it is sent,
 * so two processes never send the same row at once. A row is marked sent only after the receiver
 * accepted it; a crash in between leaves it pending and it is sent again with the same id
 * (at-least-once, the receiver deduplicates on Idempotency-Key / X-Notification-Id). A failure
 * waits with exponential backoff; after MAX_ATTEMPTS the row is a dead letter.
 * Runs where the projections run (RUN_PROJECTIONS, always in the worker).
 */
@Injectable()
export class NotificationDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('NotificationDelivery');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private mail: Transporter | null = null;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.runProjections) this.start();
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.deliverDue()
        .catch((error) => this.logger.error(`delivering notifications failed: ${(error as Error).message}`))
        .finally(() => (this.running = null));
    }, TICK_MS);
    this.timer.unref();
  }

  /** Stops the timer and waits for the tick under way. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
    this.mail?.close();
  }

  /** Sends what is due, one row per transaction; answers how many rows were attempted. */
  async deliverDue(options: DeliveryOptions = {}): Promise<number> {
    let attempted = 0;
    while (attempted < PER_TICK && (await this.deliverOne(options))) attempted++;
    return attempted;
  }

  private async deliverOne(options: DeliveryOptions): Promise<boolean> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const { rows } = await client.query<DueRow>(
        `select d.notification_id, o.channel, o.payload, d.attempts, s.target, s.secret, s.ended_at is not null as ended
           from notification_deliveries d
           join notification_outbox o on o.notification_id = d.notification_id
           left join notification_subscriptions s on s.subscription_id = o.subscription_id
          where d.status = 'pending' and d.next_attempt_at <= $1
          order by d.next_attempt_at, o.global_position, d.notification_id
          limit 1 for update of d skip locked`,
        [options.now ?? new Date()],
      );
      const row = rows[0];
      if (!row) {
        await client.query('commit');
        return false;
      }
      if (row.ended) {
        // Written for the subscription while it was being ended: cancelled like the rest of its pending rows.
        await client.query(`update notification_deliveries set status = 'cancelled' where notification_id = $1`, [row.notification_id]);
        await client.query('commit');
        return true;
      }
      let failure: string | null = null;
      try {
        await this.send(row);
      } catch (error) {
        failure = (error as Error).message.slice(0, 1000);
      }
      if (failure === null) {
        await options.afterSend?.(row.notification_id);
        await client.query(
          `update notification_deliveries set status = 'sent', attempts = attempts + 1, sent_at = now(), last_attempt_at = now(), last_error = null where notification_id = $1`,
          [row.notification_id],
        );
      } else {
        await this.markFailed(client, row, failure, options.now ?? new Date());
      }
      await client.query('commit');
      return true;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async markFailed(client: PoolClient, row: DueRow, failure: string, now: Date): Promise<void> {
    const attempts = row.attempts + 1;
    const dead = attempts >= MAX_ATTEMPTS || row.target === null;
    if (dead) this.logger.warn(`notification ${row.notification_id} is a dead letter after ${attempts} attempts: ${failure}`);
    await client.query(
      `update notification_deliveries set attempts = $2, last_error = $3, last_attempt_at = now(), status = $4, next_attempt_at = $5 where notification_id = $1`,
      [row.notification_id, attempts, failure, dead ? 'dead' : 'pending', new Date(now.getTime() + backoffMs(attempts))],
    );
  }

  private async send(row: DueRow): Promise<void> {
    if (row.target === null) throw new Error('the subscription no longer exists');
    if (row.channel === 'email') return this.sendMail(row, row.target);
    return this.postWebhook(row, row.target, row.secret ?? '');
  }

  private async sendMail(row: DueRow, to: string): Promise<void> {
    const { smtp } = this.config;
    if (!smtp.url) throw new Error('no SMTP server configured (SMTP_URL)');
    this.mail ??= createTransport({ url: smtp.url, connectionTimeout: SEND_TIMEOUT_MS, greetingTimeout: SEND_TIMEOUT_MS, socketTimeout: SEND_TIMEOUT_MS });
    const { payload } = row;
    const sending = this.mail.sendMail({
      from: smtp.from,
      to,
      subject: `Sozialraumbudget: Meldung der Steuerung ${payload.sozialraumId} ${payload.fiscalYear}`,
      text: [
        payload.summary,
        '',
        `Art der Meldung: ${String(payload.type)}`,
        `Geschäftsdatum: ${String(payload.businessDate ?? '–')}`,
        `Protokollposition: ${String(payload.position)}`,
        '',
        'Diese Nachricht wurde automatisch versandt. Die Meldung steht auch in der Anwendung unter „Meldungen“.',
      ].join('\n'),
      // A resend after a crash carries the same Message-ID, so mail systems can drop the copy.
      messageId: `<${row.notification_id}@sozialraumbudget>`,
      headers: { 'X-Notification-Id': row.notification_id },
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`SMTP server did not accept the mail within ${SEND_TIMEOUT_MS} ms`)), SEND_TIMEOUT_MS);
    });
    try {
      await Promise.race([sending, timeout]);
    } catch (error) {
      // A hanging connection is dropped; the next mail opens a new one.
      this.mail?.close();
      this.mail = null;
      sending.catch(() => undefined);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private async postWebhook(row: DueRow, url: string, secret: string): Promise<void> {
    const body = JSON.stringify(row.payload);
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'x-signature': signature(secret, body),
        'idempotency-key': row.notification_id,
        'x-notification-id': row.notification_id,
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    // The body is not needed; reading it lets the connection be reused.
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new Error(`webhook answered ${response.status}`);
  }
}
