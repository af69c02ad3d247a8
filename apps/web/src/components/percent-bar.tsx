import { compareDecimal, formatPercent } from '../format';

/** The scale of the bar: 0 to 120 % of B, so that the marks at 100, 105 and 110 % stand apart. */
const SCALE_MAX = 120;
const MARKS = ['100', '105', '110'] as const;

/**
 * The forecast as a share of B: the percentage as text (what assistive technology reads and what
 * counts), beside a bar with marks at the thresholds of R7. The bar is decoration (aria-hidden).
 */
export function PercentBar({ value }: { value: string }) {
  // Only for drawing the width: the text above comes from the original string.
  const width = Math.min(Math.max(Number(value), 0), SCALE_MAX);
  const level =
    compareDecimal(value, '110') > 0 ? 'renegotiation' : compareDecimal(value, '105') > 0 ? 'procedure' : compareDecimal(value, '100') > 0 ? 'warning' : 'ok';
  return (
    <span className={`app-pct app-pct--${level}`}>
      <span className="app-pct__text">{formatPercent(value)}</span>
      <span className="app-pct__track" aria-hidden="true">
        <span className="app-pct__fill" style={{ width: `${((Number.isFinite(width) ? width : 0) / SCALE_MAX) * 100}%` }}></span>
        {MARKS.map((mark) => (
          <span key={mark} className="app-pct__mark" style={{ left: `${(Number(mark) / SCALE_MAX) * 100}%` }}></span>
        ))}
      </span>
    </span>
  );
}
