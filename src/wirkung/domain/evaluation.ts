import { Decimal, ZERO, formatAmount, roundToCent } from '../../../libs/money';
import { EvaluatedIndicator, PerformanceEvaluation, SettlementFigures } from '../../steering';
import { IndicatorDefinition } from './indicator-catalogue';
import { AgreementVersion } from './target-agreement';

const ONE = new Decimal(1);
const exact = (d: Decimal) => d.toDecimalPlaces(10).toFixed();
const pct = (d: Decimal) => d.times(100).toFixed(2);
/** "70000.00" → "70.000,00": the pool's basis is read by people, in German. */
const germanAmount = (amount: string) => {
  const [whole, cents] = amount.split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${cents}`;
};

/** The pool of the bonus rule: an amount, or a % of the flexible budget (FÜ + FU after reallocations). */
export function bonusPool(agreement: AgreementVersion, flexibleBudget: Decimal): Decimal {
  const { pool } = agreement.bonus;
  return pool.kind === 'amount' ? new Decimal(pool.amount) : roundToCent(flexibleBudget.times(pool.percent).div(100));
}

/**
 * R12 Bewertung der Leistungen: achievement per indicator = (actual − baseline) / (target −
 * baseline), clamped to 0…100 % (the same formula serves lower-is-better with target below
 * baseline); score = weighted mean; bonus = pool × score if score ≥ the minimum, else 0.00,
 * half-up to the cent only at the end. With an under-run the bonus is taken from the share
 * returning to the municipal budget (at most that share), the rest is an increase of next year.
 */
export function evaluatePerformance(
  agreement: AgreementVersion,
  definitions: IndicatorDefinition[],
  actuals: Record<string, Decimal | null>,
  flexibleBudget: Decimal,
  settlement: SettlementFigures,
): PerformanceEvaluation {
  let weightTotal = ZERO;
  let weightedSum = ZERO;
  const indicators: EvaluatedIndicator[] = agreement.indicators.map((item) => {
    const definition = definitions.find((d) => d.key === item.indicatorKey);
    const baseline = new Decimal(item.baseline);
    const target = new Decimal(item.target);
    const weight = new Decimal(item.weight);
    const actual = actuals[item.indicatorKey] ?? null;
    const raw = actual === null ? null : actual.minus(baseline).div(target.minus(baseline));
    const achievement = raw === null ? ZERO : Decimal.min(ONE, Decimal.max(ZERO, raw));
    const weighted = weight.times(achievement);
    weightTotal = weightTotal.plus(weight);
    weightedSum = weightedSum.plus(weighted);
    return {
      indicatorKey: item.indicatorKey,
      name: definition?.name ?? item.indicatorKey,
      unit: definition?.unit ?? 'count',
      direction: definition?.direction ?? 'higher-is-better',
      baseline: item.baseline,
      target: item.target,
      weight: item.weight,
      actual: actual === null ? null : exact(actual),
      actualRounded: actual === null ? null : actual.toFixed(2),
      achievementRaw: raw === null ? null : exact(raw),
      achievement: exact(achievement),
      achievementPct: pct(achievement),
      weighted: exact(weighted),
    };
  });
  const score = weightTotal.isZero() ? ZERO : weightedSum.div(weightTotal);
  const minimum = new Decimal(agreement.bonus.minimumScorePct).div(100);
  const pool = bonusPool(agreement, flexibleBudget);
  const bonus = score.greaterThanOrEqualTo(minimum) ? roundToCent(pool.times(score)) : ZERO;
  const returned =
    settlement.outcome === 'underrun' && settlement.returnedToMunicipalBudget !== null ? new Decimal(settlement.returnedToMunicipalBudget) : null;
  const fromReturn = returned === null ? ZERO : Decimal.min(bonus, returned);
  const settlementChange =
    settlement.outcome === 'underrun'
      ? new Decimal(settlement.carryForward)
      : settlement.outcome === 'overrun'
        ? new Decimal(settlement.providerShare).negated()
        : ZERO;
  return {
    agreementId: agreement.agreementId,
    agreementVersion: agreement.version,
    indicators,
    weightTotal: weightTotal.toFixed(),
    score: exact(score),
    scorePct: pct(score),
    minimumScorePct: agreement.bonus.minimumScorePct,
    poolBasis:
      agreement.bonus.pool.kind === 'amount'
        ? 'Betrag'
        : `${agreement.bonus.pool.percent.replace('.', ',')} % von ${germanAmount(formatAmount(flexibleBudget))} € (flexibles Budget)`,
    pool: formatAmount(pool),
    bonus: formatAmount(bonus),
    bonusFromReturn: formatAmount(fromReturn),
    bonusIncrease: formatAmount(bonus.minus(fromReturn)),
    returnedToMunicipalBudget: returned === null ? null : formatAmount(returned.minus(fromReturn)),
    nextYearFuChange: formatAmount(settlementChange.plus(bonus)),
  };
}
