import { Inject, Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { PG_POOL } from '../../../libs/database/database.module';
import { XRechnungSyntax } from '../domain/xrechnung/xrechnung';

/**
 * The XRechnung documents as received, content-addressed per tenant: the event names the hash,
 * this table holds the bytes, so the document can be shown and its hash checked in an audit.
 */
@Injectable()
export class InvoiceDocuments {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** Stores the document; true if it was new (a document already received stays as it was). */
  async store(tenantId: string, sha256: string, syntax: XRechnungSyntax, xml: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `insert into case_invoice_documents (tenant_id, sha256, syntax, xml) values ($1, $2, $3, $4)
       on conflict (tenant_id, sha256) do nothing`,
      [tenantId, sha256, syntax, xml],
    );
    return rowCount === 1;
  }

  /** Takes back a document this request stored when its invoice was refused: a refusal writes nothing. */
  async discard(tenantId: string, sha256: string): Promise<void> {
    await this.pool.query('delete from case_invoice_documents where tenant_id = $1 and sha256 = $2', [tenantId, sha256]);
  }

  async get(tenantId: string, sha256: string): Promise<{ syntax: XRechnungSyntax; xml: string } | null> {
    const { rows } = await this.pool.query('select syntax, xml from case_invoice_documents where tenant_id = $1 and sha256 = $2', [tenantId, sha256]);
    return rows[0] ?? null;
  }
}
