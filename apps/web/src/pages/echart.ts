import { init, type EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef, type DependencyList } from 'react';

/**
 * Draws an ECharts option (SVG) into the returned element, follows its size and disposes of the
 * chart when the element goes or the option changes. The chart's modules are registered (`use`)
 * by the caller, so that each chart brings only what it draws.
 */
export function useEChart(option: () => EChartsCoreOption, deps: DependencyList) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const chart = init(element, undefined, { renderer: 'svg' });
    chart.setOption(option());
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
    // The caller names what the option is built from.
  }, deps);
  return container;
}

/** Text for an ECharts tooltip, which is HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
