import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { use, type ComposeOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { escapeHtml, useEChart } from './echart';
import type { Utilisation } from '../api/types';
import { formatAmount, formatDecimal, formatMonth } from '../format';
import { CATEGORY_LABEL } from './labels';

use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

type Option = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

const CATEGORIES = ['FS', 'FUE', 'FU'] as const;
/** KERN's blue in three shades, told apart by the legend and the table too, not by colour alone. */
const COLORS = { FS: '#2044AA', FUE: '#6F8BD8', FU: '#B9C6EE' } as const;
const MONTH_SHORT = ['Jan', 'Feb', 'Mär', 'Apr', 'Mai', 'Jun', 'Jul', 'Aug', 'Sep', 'Okt', 'Nov', 'Dez'];

function buildOption(months: Utilisation['monthlyActual']): Option {
  const reducedMotion = typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  return {
    animation: !reducedMotion,
    textStyle: { fontFamily: 'Fira Sans, sans-serif', color: '#131525' },
    grid: { left: 80, right: 24, top: 40, bottom: 32 },
    legend: { top: 0, textStyle: { color: '#131525' } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      formatter: (params) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex?: number } | undefined;
        const month = first?.dataIndex === undefined ? undefined : months[first.dataIndex];
        if (!month) return '';
        // Every amount from the API's decimal strings, never from the plotted numbers.
        return [
          `<strong>${escapeHtml(formatMonth(month.month))}</strong>`,
          ...CATEGORIES.map((c) => `${escapeHtml(CATEGORY_LABEL[c])}: ${escapeHtml(formatAmount(month[c]))}`),
          `Ist gesamt: ${escapeHtml(formatAmount(month.total))}`,
        ].join('<br>');
      },
    },
    xAxis: { type: 'category', data: months.map((m) => MONTH_SHORT[Number(m.month.slice(5, 7)) - 1] ?? m.month), axisLabel: { color: '#5C6082' } },
    yAxis: {
      type: 'value',
      axisLabel: { color: '#5C6082', formatter: (value: number) => `${formatDecimal(String(value), 0)}\u00a0€` },
      splitLine: { lineStyle: { color: '#DFE1EA' } },
    },
    series: CATEGORIES.map((category) => ({
      type: 'bar',
      name: CATEGORY_LABEL[category],
      stack: 'ist',
      color: COLORS[category],
      // Numbers only to size the bars.
      data: months.map((m) => Number(m[category])),
    })),
  };
}

/** The monthly Ist (by Leistungsmonat) as bars stacked by category. */
export default function MonthlyActualsChart({
  months,
  fiscalYear,
  describedBy,
}: {
  months: Utilisation['monthlyActual'];
  fiscalYear: number;
  describedBy: string;
}) {
  const container = useEChart(() => buildOption(months), [months]);
  return (
    <div
      ref={container}
      className="app-chart app-chart--monthly"
      role="img"
      aria-label={`Diagramm: Ist je Monat im Haushaltsjahr ${fiscalYear}, gestapelt nach Kategorie. Die Werte stehen auch in der Tabelle.`}
      aria-describedby={describedBy}
    ></div>
  );
}
