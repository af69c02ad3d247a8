import { LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  MarkLineComponent,
  TooltipComponent,
  type GridComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { use, type ComposeOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { escapeHtml, useEChart } from './echart';
import type { WirkungIndicator } from '../api/types';
import { chartPoints, formatIndicatorValue, quarterLabel } from '../wirkung';

use([LineChart, GridComponent, TooltipComponent, MarkLineComponent, SVGRenderer]);

type Option = ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption | MarkLineComponentOption>;

const COLORS = { line: '#2044AA', text: '#131525', muted: '#5C6082', grid: '#DFE1EA', target: '#0B6E2E', baseline: '#925400' } as const;

function buildOption(indicator: WirkungIndicator): Option {
  const points = chartPoints(indicator);
  const target = indicator.target;
  // The axis spans the values and both lines, so that the target is always in sight.
  const span = [...points.flatMap((p) => (p.plot === null ? [] : [p.plot])), ...(target ? [Number(target.baseline), Number(target.target)] : [])];
  const low = span.length ? Math.min(...span) : 0;
  const high = span.length ? Math.max(...span) : 1;
  const pad = (high - low) * 0.1 || Math.max(1, Math.abs(high) * 0.1);
  const reducedMotion = typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  return {
    animation: !reducedMotion,
    textStyle: { fontFamily: 'Fira Sans, sans-serif', color: COLORS.text },
    grid: { left: 64, right: 96, top: 24, bottom: 32 },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params) => {
        const p = (Array.isArray(params) ? params[0] : params) as { dataIndex?: number; componentType?: string } | undefined;
        if (!p || p.componentType !== 'series' || p.dataIndex === undefined) return '';
        const point = points[p.dataIndex];
        if (!point) return '';
        return `<strong>${escapeHtml(quarterLabel(point.quarter))}</strong><br>seit Jahresbeginn: ${escapeHtml(formatIndicatorValue(point.value, indicator.unit))}`;
      },
    },
    xAxis: { type: 'category', data: points.map((p) => p.quarter), axisLabel: { color: COLORS.muted } },
    yAxis: {
      type: 'value',
      min: Math.max(0, Math.floor(low - pad)),
      max: Math.ceil(high + pad),
      axisLabel: { color: COLORS.muted, formatter: (value: number) => formatIndicatorValue(String(value), indicator.unit) },
      splitLine: { lineStyle: { color: COLORS.grid } },
    },
    series: [
      {
        type: 'line',
        name: indicator.name,
        data: points.map((p) => p.plot),
        connectNulls: false,
        showSymbol: true,
        symbolSize: 7,
        color: COLORS.line,
        lineStyle: { width: 2 },
        markLine: target
          ? {
              silent: true,
              symbol: 'none',
              data: [
                {
                  yAxis: Number(target.target),
                  name: 'Ziel',
                  lineStyle: { color: COLORS.target, type: 'dashed', width: 1.5 },
                  label: { formatter: `Ziel ${formatIndicatorValue(target.target, indicator.unit)}`, color: COLORS.target, position: 'end' },
                },
                {
                  yAxis: Number(target.baseline),
                  name: 'Ausgangswert',
                  lineStyle: { color: COLORS.baseline, type: 'dotted', width: 1.5 },
                  label: { formatter: `Ausgang ${formatIndicatorValue(target.baseline, indicator.unit)}`, color: COLORS.baseline, position: 'end' },
                },
              ],
            }
          : undefined,
      },
    ],
  };
}

/** One weighted indicator year to date per quarter, with its target (and baseline) as lines. */
export default function WirkungChart({ indicator, fiscalYear }: { indicator: WirkungIndicator; fiscalYear: number }) {
  const container = useEChart(() => buildOption(indicator), [indicator]);
  const target = indicator.target;
  return (
    <div
      ref={container}
      className="app-chart app-chart--wirkung"
      role="img"
      aria-label={
        `Diagramm: ${indicator.name} ${fiscalYear} seit Jahresbeginn je Quartal` +
        (target ? `, Ziel ${formatIndicatorValue(target.target, indicator.unit)}, Ausgangswert ${formatIndicatorValue(target.baseline, indicator.unit)}` : '') +
        '. Die Werte stehen auch in der Tabelle der Indikatoren.'
      }
    ></div>
  );
}
