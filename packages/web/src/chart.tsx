// Bar charts for statistics, drawn with uPlot (small, maintained, canvas). A chart is a picture
// of figures that are also given as a table beside it: screen readers read the table.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: number[];
  color: string;
}

/**
 * Bars over x: times (seconds since the epoch, `time`) or categories (`categories`, shown as the
 * axis labels). Several series are drawn as nested bars.
 */
export function BarChart({
  x,
  categories,
  series,
  label,
  height = 220,
}: {
  x?: number[];
  categories?: string[];
  series: ChartSeries[];
  label: string;
  height?: number;
}) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const box = el.current;
    if (!box) return;
    const xs = categories ? categories.map((_, i) => i) : (x ?? []);
    // several series overlap as nested bars, each narrower than the one before
    const bars = (i: number) => uPlot.paths.bars!({ size: [0.8 * 0.6 ** i, 60], align: 0 });
    const plot = new uPlot(
      {
        width: Math.max(240, box.clientWidth || 480),
        height,
        legend: { show: series.length > 1 },
        cursor: { show: true, points: { show: false } },
        scales: {
          x: { time: !categories, range: categories ? [-0.6, xs.length - 0.4] : undefined },
          y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] },
        },
        axes: [
          categories
            ? { values: (_u, ticks) => ticks.map((t) => categories[t] ?? ''), stroke: '#1f2328', grid: { show: false } }
            : { stroke: '#1f2328', grid: { show: false } },
          { stroke: '#1f2328', grid: { stroke: '#d0d7de' } },
        ],
        series: [
          {},
          ...series.map((s, i) => ({
            label: s.label,
            fill: s.color,
            stroke: s.color,
            width: 0,
            paths: bars(i),
            points: { show: false },
          })),
        ],
      },
      [xs, ...series.map((s) => s.values)] as uPlot.AlignedData,
      box,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(240, box.clientWidth), height }));
    resize.observe(box);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [JSON.stringify([x, categories, series])]);
  return <div class="chart" ref={el} role="img" aria-label={label} />;
}
