import { Injectable, OnModuleInit } from '@nestjs/common';
import { SettlementEvaluations, SteeringQueries } from '../steering';
import { catalogueOn } from './domain/indicator-catalogue';
import { evaluatePerformance } from './domain/evaluation';
import { WirkungLog } from './wirkung-log';
import { WirkungMeasurements } from './wirkung-measurements';

/**
 * Contributes R12's evaluation to every settlement: under the target agreement in force, from the
 * figures known at the settlement's log position (so the evaluation and the settlement rest on
 * the same knowledge), with the flexible budget after reallocations as the pool's basis.
 */
@Injectable()
export class WirkungEvaluator implements OnModuleInit {
  constructor(
    private readonly evaluations: SettlementEvaluations,
    private readonly measurements: WirkungMeasurements,
    private readonly log: WirkungLog,
    private readonly steering: SteeringQueries,
  ) {}

  onModuleInit(): void {
    this.evaluations.register(async ({ tenantId, sozialraumId, fiscalYear, logPosition, settlement }) => {
      const view = { knownAtPosition: logPosition };
      const { state } = await this.log.agreement(tenantId, sozialraumId, fiscalYear, view);
      const agreement = state.versions.find((v) => v.status === 'agreed');
      if (!agreement) return null;
      const keys = agreement.indicators.map((i) => i.indicatorKey);
      const measurement = await this.measurements.measure(tenantId, sozialraumId, fiscalYear, view, keys);
      const book = await this.steering.book(tenantId, sozialraumId, fiscalYear, view);
      const catalogue = catalogueOn((await this.log.catalogue(tenantId, view)).state, `${fiscalYear}-12-31`);
      return evaluatePerformance(agreement, catalogue, WirkungMeasurements.actuals(measurement), book.planned.FUE.plus(book.planned.FU), settlement);
    });
  }
}
