import { Inject, Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { PG_POOL } from '../../libs/database/database.module';
import { refuse } from '../../libs/ddd/domain-error';
import { text } from '../../libs/text/text';
import { sealText } from '../../libs/sealed-text/sealed-text';
import { SubjectErased, TextKeys } from '../../libs/sealed-text/text-keys';
import { PRIVACY_PROBLEMS } from './privacy.problems';

/**
 * Seals the free texts of a command before it is decided, so the events and everything built
 * from them hold only the sealed form. The domain treats a sealed text as any other string.
 */
@Injectable()
export class SealedTexts {
  readonly keys: TextKeys;

  constructor(@Inject(PG_POOL) pool: Pool) {
    this.keys = new TextKeys(pool);
  }

  /** The object with the named text fields sealed under the subject's key (absent and null ones stay so). */
  async sealFields<T extends object, K extends keyof T>(tenantId: string, subject: string, value: T, fields: readonly K[]): Promise<T> {
    return (await this.sealEach(tenantId, subject, [value], fields))[0];
  }

  /** Several objects of one subject (the lines of a usage report), their key looked up once. */
  async sealEach<T extends object, K extends keyof T>(tenantId: string, subject: string, values: readonly T[], fields: readonly K[]): Promise<T[]> {
    if (!values.some((value) => fields.some((field) => typeof value[field] === 'string'))) return [...values];
    const key = await this.keyFor(tenantId, subject);
    return values.map((value) => {
      const sealed = { ...value };
      for (const field of fields) {
        if (typeof value[field] === 'string') sealed[field] = sealText(key.key, key.keyId, tenantId, value[field] as string) as T[K];
      }
      return sealed;
    });
  }

  /** A list of texts of one subject (the measures of a steering meeting), sealed in order. */
  async sealList(tenantId: string, subject: string, texts: readonly string[]): Promise<string[]> {
    return (
      await this.sealEach(
        tenantId,
        subject,
        texts.map((item) => ({ item })),
        ['item'],
      )
    ).map((sealed) => sealed.item);
  }

  /**
   * Decided events with the named text fields of their data sealed, each under the subject `pick`
   * names for it (an id the decision made); events it names none for stay as they are.
   */
  async sealEvents<E extends { type: string; data: unknown }>(
    tenantId: string,
    events: E[],
    pick: (event: E) => { subject: string; fields: readonly string[] } | null,
  ): Promise<E[]> {
    const sealed: E[] = [];
    for (const event of events) {
      const chosen = pick(event);
      if (!chosen) {
        sealed.push(event);
        continue;
      }
      const data = await this.sealFields(tenantId, chosen.subject, event.data as Record<string, unknown>, chosen.fields);
      sealed.push({ ...event, data });
    }
    return sealed;
  }

  private async keyFor(tenantId: string, subject: string) {
    try {
      return await this.keys.keyFor(tenantId, subject);
    } catch (error) {
      if (!(error instanceof SubjectErased)) throw error;
      return refuse(
        PRIVACY_PROBLEMS['texts-erased'],
        text(
          `Die Freitexte zu ${subject} wurden am ${error.erasedAt.toISOString().slice(0, 10)} gelöscht; neue Freitexte werden dafür nicht mehr angenommen.`,
          `The free texts of ${subject} were erased on ${error.erasedAt.toISOString().slice(0, 10)}; no new free text is taken for it.`,
        ),
      );
    }
  }
}
