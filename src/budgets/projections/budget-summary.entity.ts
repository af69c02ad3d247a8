import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per Sozialraum budget: the list view with filters (year, status). */
@Entity({ name: 'budget_summaries' })
export class BudgetSummaryRow {
  @PrimaryColumn('text', { name: 'tenant_id' }) tenantId: string;
  @PrimaryColumn('text', { name: 'sozialraum_id' }) sozialraumId: string;
  @PrimaryColumn('integer', { name: 'fiscal_year' }) fiscalYear: number;
  @Column('text') status: string;
  @Column('numeric', { name: 'planned_fs' }) plannedFs: string;
  @Column('numeric', { name: 'planned_fue' }) plannedFue: string;
  @Column('numeric', { name: 'planned_fu' }) plannedFu: string;
  @Column('boolean', { name: 'frozen_fue' }) frozenFue: boolean;
  @Column('boolean', { name: 'frozen_fu' }) frozenFu: boolean;
  @Column('integer', { name: 'open_proposals' }) openProposals: number;
  @Column('integer') version: number;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
