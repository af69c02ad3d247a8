import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AggregateStore } from '../../libs/ddd/aggregate-store';
import { CommandContext, onBusinessDate } from '../../libs/ddd/command-context';
import { NotFound, refuse } from '../../libs/ddd/domain-error';
import { ProjectionRunner } from '../../libs/event-store/nest/projection-runner';
import { Static } from '../../libs/http/contract/schema-types';
import { text } from '../../libs/text/text';
import { MasterDataQueries } from '../master-data';
import { streams } from '../shared/stream-ids';
import { parseFeedbackCsv } from './domain/feedback-csv';
import { PaymentOrder } from './domain/payment-order';
import { PaymentBatch as Batch, decideConfigure, decideExportBatch, decideImportFeedback, finanzverfahrenDecider } from './domain/payment-batches';
import { FINANZVERFAHREN_PROBLEMS } from './finanzverfahren.problems';
import { FinanzverfahrenConfiguration, FeedbackImport, PaymentBatchList, PaymentReconciliation } from './finanzverfahren.schemas';
import { ConfigureFinanzverfahrenDto, ImportFeedbackDto } from './finanzverfahren.dtos';
import { PAYMENT_ORDERS_PROJECTION } from './projections/payment-orders.projection';

interface OrderRow {
  order_id: string;
  kind: PaymentOrder['kind'];
  provider_id: string;
  amount: string;
  due_date: string;
  ordered_on: string;
  sozialraum_id: string;
  fiscal_year: number;
  category: PaymentOrder['category'];
  legal_basis: string | null;
  reference: PaymentOrder['reference'];
  global_position: string;
}

/** The interface to the municipal Finanzverfahren: configuration, batches of payment orders, the feedback of payments. */
@Injectable()
export class FinanzverfahrenService {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly projections: ProjectionRunner,
    private readonly masterData: MasterDataQueries,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  private stream(tenantId: string) {
    return streams.finanzverfahren(tenantId);
  }

  async configure(requested: CommandContext, dto: ConfigureFinanzverfahrenDto) {
    const ctx = onBusinessDate(requested, dto.businessDate);
    await this.aggregates.handle(this.stream(ctx.tenantId), finanzverfahrenDecider, ctx, {
      decide: () =>
        decideConfigure({
          effectiveFrom: dto.effectiveFrom,
          produkt: dto.produkt,
          accounts: dto.accounts.map((a) => ({ category: a.category, legalBasis: a.legalBasis ?? null, sachkonto: a.sachkonto })),
          creditors: dto.creditors.map((c) => ({ providerId: c.providerId, creditorNumber: c.creditorNumber })),
          reason: dto.reason,
        }),
    });
    return this.configuration(ctx.tenantId);
  }

  async configuration(tenantId: string): Promise<Static<typeof FinanzverfahrenConfiguration>> {
    const { state, version } = await this.aggregates.load(this.stream(tenantId), finanzverfahrenDecider);
    return { version, versions: [...state.configurations].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom)) };
  }

  /** Every payment order given so far, as the projection indexes them (after it has caught up with the log). */
  private async orders(tenantId: string): Promise<PaymentOrder[]> {
    await this.projections.waitFor(PAYMENT_ORDERS_PROJECTION);
    const rows: OrderRow[] = await this.dataSource.query(
      `select order_id, kind, provider_id, amount::text as amount, to_char(due_date, 'YYYY-MM-DD') as due_date, to_char(ordered_on, 'YYYY-MM-DD') as ordered_on,
              sozialraum_id, fiscal_year, category, legal_basis, reference, global_position::text as global_position
         from fin_orders where tenant_id = $1 order by global_position`,
      [tenantId],
    );
    return rows.map((r) => ({
      orderId: r.order_id,
      kind: r.kind,
      providerId: r.provider_id,
      amount: r.amount,
      dueDate: r.due_date,
      orderedOn: r.ordered_on,
      sozialraumId: r.sozialraum_id,
      fiscalYear: r.fiscal_year,
      category: r.category,
      legalBasis: r.legal_basis,
      reference: r.reference,
      position: r.global_position,
    }));
  }

  async exportBatch(requested: CommandContext, businessDate?: string): Promise<Batch & { version: number }> {
    const ctx = onBusinessDate(requested, businessDate);
    const result = await this.aggregates.handle(this.stream(ctx.tenantId), finanzverfahrenDecider, ctx, {
      facts: async () => {
        const orders = await this.orders(ctx.tenantId);
        const names = new Map<string, string>();
        for (const providerId of new Set(orders.map((o) => o.providerId)))
          names.set(providerId, (await this.masterData.getProvider(ctx.tenantId, providerId))?.name ?? providerId);
        return { orders, providerNames: names };
      },
      decide: (state, facts) => decideExportBatch({ createdOn: ctx.businessDate }, state, facts),
    });
    const event = result.events[0];
    if (event.type !== 'PaymentBatchExported') throw new Error('a batch export decided something else');
    return { ...event.data, version: result.version };
  }

  async batches(tenantId: string): Promise<Static<typeof PaymentBatchList>> {
    const { state } = await this.aggregates.load(this.stream(tenantId), finanzverfahrenDecider);
    const orders = await this.orders(tenantId);
    return {
      items: state.batches.map((b) => ({ batchId: b.batchId, createdOn: b.createdOn, lines: b.lines.length, total: b.total })),
      unbatched: orders.filter((o) => !state.batched.has(o.orderId)).length,
    };
  }

  /** A batch as it was exported: from its event, so exporting it again gives the same file. */
  async batch(tenantId: string, batchId: string): Promise<Batch> {
    const { state } = await this.aggregates.load(this.stream(tenantId), finanzverfahrenDecider);
    const batch = state.batches.find((b) => b.batchId === batchId);
    if (!batch) throw new NotFound(FINANZVERFAHREN_PROBLEMS['batch-not-found'], text(`Die Anordnungsdatei ${batchId} gibt es nicht.`, `No batch ${batchId}.`));
    return batch;
  }

  async importFeedback(requested: CommandContext, dto: ImportFeedbackDto): Promise<Static<typeof FeedbackImport>> {
    const ctx = onBusinessDate(requested, dto.businessDate);
    const parsed = parseFeedbackCsv(dto.csv);
    if (parsed.errors.length) {
      const errors = [...parsed.errors].sort((a, b) => a.line - b.line);
      refuse(
        FINANZVERFAHREN_PROBLEMS['feedback-invalid'],
        text(
          `Die Datei enthält ${errors.length === 1 ? 'einen Fehler' : `${errors.length} Fehler`}; nichts wurde übernommen. ${errors[0].message.de}`,
          `The file has ${errors.length} error(s); nothing was applied. ${errors[0].message.en}`,
        ),
        {
          errors: errors.map((e) => ({ field: e.column === null ? `Zeile ${e.line}` : `Zeile ${e.line}, Spalte „${e.column}“`, message: e.message.de })),
          rowErrors: errors.map((e) => ({ line: e.line, column: e.column, detail: e.message.de })),
        },
      );
    }
    const fileSha256 = createHash('sha256').update(dto.csv, 'utf8').digest('hex');
    const result = await this.aggregates.handle(this.stream(ctx.tenantId), finanzverfahrenDecider, ctx, {
      decide: (state) => decideImportFeedback({ fileSha256, rows: parsed.rows }, state),
    });
    const event = result.events[0];
    if (event.type !== 'PaymentFeedbackImported') throw new Error('a feedback import decided something else');
    return { importId: event.data.importId, payments: event.data.payments, discrepancies: event.data.discrepancies };
  }

  async reconciliation(tenantId: string): Promise<Static<typeof PaymentReconciliation>> {
    const { state } = await this.aggregates.load(this.stream(tenantId), finanzverfahrenDecider);
    const lines = [...state.lines.values()].map((l) => {
      const paid = state.paid.get(l.anordnungsnummer);
      return {
        anordnungsnummer: l.anordnungsnummer,
        batchId: l.batchId,
        orderId: l.orderId,
        providerId: l.payee.providerId,
        amount: l.amount,
        dueDate: l.dueDate,
        status: paid ? ('paid' as const) : ('exported' as const),
        paidOn: paid?.paidOn ?? null,
        documentNumber: paid?.documentNumber ?? null,
      };
    });
    const discrepancies = state.imports.flatMap((i) => i.discrepancies.map((discrepancy) => ({ importId: i.importId, importedOn: i.importedOn, discrepancy })));
    return { lines, discrepancies };
  }
}
