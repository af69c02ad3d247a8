import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The journal: one row per month line of every money-movement event, signed by its effect on
 * the forecast (commitments in force), the actual expenditure or the revenue.
 */
@Entity({ name: 'ledger_entries' })
export class LedgerEntryRow {
  @PrimaryColumn('uuid', { name: 'event_id' }) eventId: string;
  @PrimaryColumn('integer') line: number;
  @Column('bigint', { name: 'global_position' }) globalPosition: string;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  @Column('text', { name: 'stream_id' }) streamId: string;
  @Column('text', { name: 'event_type' }) eventType: string;
  @Column('text', { name: 'sozialraum_id' }) sozialraumId: string;
  @Column('integer', { name: 'fiscal_year' }) fiscalYear: number;
  @Column('text', { nullable: true }) category: string | null;
  @Column('boolean', { name: 'in_budget' }) inBudget: boolean;
  @Column('text', { name: 'out_of_budget_reason', nullable: true }) outOfBudgetReason: string | null;
  @Column('text', { name: 'provider_id', nullable: true }) providerId: string | null;
  @Column('text', { name: 'source_kind' }) sourceKind: string;
  @Column('text', { name: 'source_id' }) sourceId: string;
  @Column('text', { name: 'case_ref', nullable: true }) caseRef: string | null;
  @Column('text') month: string;
  @Column('text') measure: 'forecast' | 'actual' | 'revenue';
  @Column('numeric') amount: string;
  @Column('date', { name: 'business_date' }) businessDate: string;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
}
