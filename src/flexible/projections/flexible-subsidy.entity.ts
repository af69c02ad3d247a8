import { Column, Entity, PrimaryColumn } from 'typeorm';
import { FlexibleCategory } from '../domain/flexible.events';

/** One row per subsidy: the lists per Sozialraum-year and per provider. */
@Entity({ name: 'flexible_subsidies' })
export class FlexibleSubsidyRow {
  @PrimaryColumn('text', { name: 'tenant_id' }) tenantId: string;
  @PrimaryColumn('text', { name: 'sozialraum_id' }) sozialraumId: string;
  @PrimaryColumn('integer', { name: 'fiscal_year' }) fiscalYear: number;
  @PrimaryColumn('text', { name: 'subsidy_id' }) subsidyId: string;
  @Column('integer') seq: number;
  @Column('text', { name: 'provider_id' }) providerId: string;
  @Column('text') category: FlexibleCategory;
  @Column('text') purpose: string;
  @Column('date', { name: 'bescheid_date' }) bescheidDate: string;
  @Column('text') status: 'granted' | 'reclaimed';
  @Column('numeric') total: string;
  @Column('numeric') granted: string;
  @Column('numeric') paid: string;
  @Column('numeric') claimed: string;
  @Column('numeric') received: string;
  @Column('integer') instalments: number;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
