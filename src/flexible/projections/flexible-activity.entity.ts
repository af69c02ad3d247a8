import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ActivityStatus } from '../domain/flexible-state';
import { FlexibleCategory } from '../domain/flexible.events';

/** One row per provider-reported activity: the lists per Sozialraum-year and per provider. */
@Entity({ name: 'flexible_activities' })
export class FlexibleActivityRow {
  @PrimaryColumn('text', { name: 'tenant_id' }) tenantId: string;
  @PrimaryColumn('text', { name: 'sozialraum_id' }) sozialraumId: string;
  @PrimaryColumn('integer', { name: 'fiscal_year' }) fiscalYear: number;
  @PrimaryColumn('text', { name: 'activity_id' }) activityId: string;
  @Column('integer') seq: number;
  @Column('text', { name: 'provider_id' }) providerId: string;
  @Column('text') category: FlexibleCategory;
  @Column('date', { name: 'activity_date' }) activityDate: string;
  @Column('text') description: string;
  @Column('text') status: ActivityStatus;
  @Column('numeric') requested: string;
  @Column('numeric', { nullable: true }) approved: string | null;
  @Column('numeric', { nullable: true }) actual: string | null;
  @Column('date', { name: 'reported_on' }) reportedOn: string;
  @Column('date', { name: 'decided_on', nullable: true }) decidedOn: string | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
