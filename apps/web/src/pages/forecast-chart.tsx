import { LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  MarkLineComponent,
  MarkPointComponent,
  TooltipComponent,
  type GridComponentOption,
  type MarkLineComponentOption,
  type MarkPointComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { use, type ComposeOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { escapeHtml, useEChart } from './echart';
import type { ForecastTimeline } from '../api/types';
import { formatAmount, formatDate, formatDecimal, formatPercent, todayInBerlin } from '../format';
import { describeCause, THRESHOLDS, thresholdLabel, type Crossing } from '../timeline';

// Only what this chart draws: a tree-shaken ECharts.
use([LineChart, GridComponent, TooltipComponent, MarkLineComponent, MarkPointComponent, SVGRenderer]);

type Option = ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption | MarkLineComponentOption | MarkPointComponentOption>;

const COLORS = { line: '#2044AA', text: '#131525', muted: '#5C6082', grid: '#DFE1EA', '100': '#925400', '105': '#C31C13', '110': '#7A1410' } as const;
const MONTHS = ['Jan', 'Feb', 'Mär', 'Apr', 'Mai', 'Jun', 'Jul', 'Aug', 'Sep', 'Okt', 'Nov', 'Dez'];

/**
 * The y values are numbers parsed from the API's decimal strings, only to place the points on the
 * chart; every text (labels, tooltips, the summary) is formatted from the original strings.
 */
function plotValue(decimal: string): number {
  return Number(decimal);
}

function buildOption(timeline: ForecastTimeline, crossings: Crossing[], fiscalYear: number, asOf: string | undefined): Option {
  const entries = timeline.entries;
  const last = entries[entries.length - 1];
  // The step line holds the last share until the day shown (Stand am, today, or the year's end).
  const yearEnd = `${fiscalYear}-12-31`;
  const shownUntil = [asOf ?? todayInBerlin(), yearEnd].sort()[0] ?? yearEnd;
  const data: { value: [string, number]; symbol?: string }[] = entries.map((entry) => ({ value: [entry.businessDate, plotValue(entry.pctOfBudget)] }));
  if (last && shownUntil > last.businessDate) data.push({ value: [shownUntil, plotValue(last.pctOfBudget)], symbol: 'none' });

  const highest = Math.max(115, ...data.map(({ value }) => value[1]));
  const reducedMotion = typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

  const entryTooltip = (index: number): string => {
    const entry = entries[index];
    if (!entry) {
      return last ? `<strong>bis ${escapeHtml(formatDate(shownUntil))}</strong><br>unverändert ${escapeHtml(formatPercent(last.pctOfBudget))} von B` : '';
    }
    return [
      `<strong>${escapeHtml(formatDate(entry.businessDate))}</strong>`,
      escapeHtml(describeCause(entry)),
      `Änderung: ${escapeHtml(formatAmount(entry.delta))}`,
      `Hochrechnung: ${escapeHtml(formatAmount(entry.forecast))}`,
      `Anteil an B: ${escapeHtml(formatPercent(entry.pctOfBudget))}`,
    ].join('<br>');
  };

  return {
    animation: !reducedMotion,
    textStyle: { fontFamily: 'Fira Sans, sans-serif', color: COLORS.text },
    grid: { left: 64, right: 64, top: 32, bottom: 40 },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params) => {
        const p = (Array.isArray(params) ? params[0] : params) as { componentType?: string; dataIndex?: number } | undefined;
        if (!p || p.dataIndex === undefined) return '';
        if (p.componentType === 'markPoint') {
          const crossing = crossings[p.dataIndex];
          if (!crossing) return '';
          return `<strong>${escapeHtml(thresholdLabel(crossing))} überschritten</strong><br>${entryTooltip(crossing.index)}`;
        }
        return entryTooltip(p.dataIndex);
      },
    },
    xAxis: {
      type: 'time',
      min: `${fiscalYear}-01-01`,
      max: yearEnd,
      axisLabel: {
        color: COLORS.muted,
        hideOverlap: true,
        formatter: (value: number) => {
          const date = new Date(value);
          return date.getDate() === 1 ? (MONTHS[date.getMonth()] ?? '') : `${date.getDate()}.${date.getMonth() + 1}.`;
        },
      },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: Math.ceil(highest / 10) * 10,
      name: '% von B',
      nameTextStyle: { color: COLORS.muted },
      axisLabel: { color: COLORS.muted, formatter: (value: number) => `${formatDecimal(String(value), 0)}\u00a0%` },
      splitLine: { lineStyle: { color: COLORS.grid } },
    },
    series: [
      {
        type: 'line',
        name: 'Hochrechnung in % von B',
        step: 'end',
        data,
        showSymbol: true,
        symbolSize: 6,
        color: COLORS.line,
        lineStyle: { width: 2 },
        markLine: {
          silent: true,
          symbol: 'none',
          data: THRESHOLDS.map((threshold) => ({
            yAxis: plotValue(threshold.pct),
            name: thresholdLabel({ label: threshold.label, threshold: threshold.pct }),
            lineStyle: { color: COLORS[threshold.pct], type: 'dashed', width: 1.5 },
            // Short at the line's end (the three lie close together); the full names are in the summary and the table.
            label: { formatter: `${formatDecimal(threshold.pct, 0)}\u00a0%`, color: COLORS[threshold.pct], position: 'end' },
          })),
        },
        markPoint: {
          symbol: 'diamond',
          symbolSize: 16,
          label: { show: false },
          data: crossings.map((crossing) => {
            const entry = entries[crossing.index];
            return {
              name: thresholdLabel(crossing),
              coord: [entry?.businessDate ?? '', plotValue(entry?.pctOfBudget ?? '0')],
              itemStyle: { color: COLORS[crossing.threshold], borderColor: '#FFFFFF', borderWidth: 1 },
            };
          }),
        },
      },
    ],
  };
}

/** The forecast timeline as a step line over the year, with the thresholds of R7 and their crossings. */
export default function ForecastChart({
  timeline,
  crossings,
  fiscalYear,
  asOf,
  describedBy,
}: {
  timeline: ForecastTimeline;
  crossings: Crossing[];
  fiscalYear: number;
  asOf?: string;
  describedBy: string;
}) {
  const container = useEChart(() => buildOption(timeline, crossings, fiscalYear, asOf), [timeline, crossings, fiscalYear, asOf]);

  return (
    <div
      ref={container}
      className="app-chart"
      role="img"
      aria-label={`Diagramm: Hochrechnung in % von B im Haushaltsjahr ${fiscalYear}, mit Linien bei 100, 105 und 110 %. Die Werte stehen auch in der Tabelle.`}
      aria-describedby={describedBy}
    ></div>
  );
}
