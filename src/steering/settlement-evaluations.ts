import { Injectable } from '@nestjs/common';
import { PerformanceEvaluation } from './domain/performance-evaluation';
import { SettlementFigures } from './domain/settlement';

/**
 * The R12 evaluation that is calculated with a settlement, where a capability contributes one
 * (steering knows the bonus it applies, not how indicators are measured). Without an evaluator,
 * or for a Sozialraum-year without a target agreement, a settlement carries no evaluation.
 */
export type SettlementEvaluator = (request: {
  tenantId: string;
  sozialraumId: string;
  fiscalYear: number;
  /** The settlement's knowledge horizon: the log position its figures were taken at. */
  logPosition: bigint;
  settlement: SettlementFigures;
}) => Promise<PerformanceEvaluation | null>;

@Injectable()
export class SettlementEvaluations {
  private evaluator: SettlementEvaluator | null = null;

  register(evaluator: SettlementEvaluator): void {
    this.evaluator = evaluator;
  }

  evaluate(request: Parameters<SettlementEvaluator>[0]): Promise<PerformanceEvaluation | null> {
    return this.evaluator ? this.evaluator(request) : Promise.resolve(null);
  }
}
