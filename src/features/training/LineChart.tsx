import { axisBottom, axisLeft, format, line, scaleLinear, select } from 'd3';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { EpochPoint } from '../../protocol/engine';

export interface Series {
  key: string;
  title: string;
  /** what the number is, for the chart's accessible summary */
  description: string;
  value: (p: EpochPoint) => number;
  /** which way is better, so the summary can say so */
  better: 'lower' | 'higher' | 'none';
  color: string;
}

interface Props {
  series: Series;
  points: EpochPoint[];
  /** the x axis spans the whole run from the start, so appending a point never rescales it */
  totalEpochs: number;
  bestEpoch: number;
  height?: number;
}

const M = { top: 14, right: 12, bottom: 22, left: 46 };
/** above this many epochs only the line and the best epoch's dot are drawn */
const MAX_DOTS = 200;

function useWidth(ref: React.RefObject<HTMLElement | null>, initial: number): number {
  const [width, setWidth] = useState(initial);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth || initial);
    const ro = new ResizeObserver((entries) => {
      const w = Math.round(entries[0].contentRect.width);
      if (w > 0) setWidth((old) => (old === w ? old : w));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, initial]);
  return width;
}

/** Four significant digits, trailing zeros dropped: 1,042 · 0.006912 · 0.0011 */
const valueFormat = format(',.4~g');

/**
 * One metric per epoch. Scales, axes and the line come from d3; React renders the SVG. Appending a
 * point costs one pass over the points (extent and path) plus the y axis when its domain moves.
 */
export const LineChart = memo(function LineChart({ series, points, totalEpochs, bestEpoch, height = 165 }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const xAxisRef = useRef<SVGGElement>(null);
  const yAxisRef = useRef<SVGGElement>(null);
  const width = useWidth(box, 280);
  const innerW = Math.max(40, width - M.left - M.right);
  const innerH = height - M.top - M.bottom;

  const values = useMemo(() => points.map(series.value), [points, series]);
  const x = useMemo(
    () =>
      scaleLinear()
        .domain([1, Math.max(2, totalEpochs)])
        .range([0, innerW]),
    [totalEpochs, innerW],
  );
  const [lo, hi] = useMemo(() => {
    let a = Infinity;
    let b = -Infinity;
    for (const v of values) {
      if (!Number.isFinite(v)) continue;
      if (v < a) a = v;
      if (v > b) b = v;
    }
    if (a === Infinity) return [0, 1];
    const pad = a === b ? Math.abs(a) * 0.1 || 0.5 : (b - a) * 0.08;
    // metrics that cannot go negative (NDCG, recall, KL) keep their axis at or above 0
    return [a >= 0 ? Math.max(0, a - pad) : a - pad, b + pad];
  }, [values]);
  const y = useMemo(() => scaleLinear().domain([lo, hi]).nice(4).range([innerH, 0]), [lo, hi, innerH]);

  useEffect(() => {
    if (!xAxisRef.current) return;
    const ticks = x.ticks(Math.max(2, Math.floor(innerW / 55))).filter(Number.isInteger);
    select(xAxisRef.current).call(axisBottom(x).tickValues(ticks).tickFormat(format('d')).tickSizeOuter(0));
  }, [x, innerW]);
  const empty = points.length === 0;
  useEffect(() => {
    if (!yAxisRef.current) return;
    const axis = axisLeft(y).ticks(4).tickFormat(y.tickFormat(4, ',~f')).tickSizeOuter(0);
    select(yAxisRef.current).call(empty ? axis.tickValues([]) : axis);
  }, [y, empty]);

  const path = useMemo(
    () =>
      line<number>()
        .defined((v) => Number.isFinite(v))
        .x((_, i) => x(points[i].epoch))
        .y((v) => y(v))(values) ?? '',
    [values, points, x, y],
  );

  const best = bestEpoch > 0 ? points.findIndex((p) => p.epoch === bestEpoch) : -1;
  const last = values.length ? values[values.length - 1] : null;
  const fmt = valueFormat;
  const summary =
    points.length === 0
      ? `${series.title}: no epochs yet`
      : `${series.title} (${series.description}) over ${points.length} epoch${points.length > 1 ? 's' : ''}: latest ${fmt(last!)}` +
        (best >= 0 ? `, at the best epoch ${bestEpoch}: ${fmt(values[best])}` : '');

  return (
    <figure className="train-chart" data-testid={`chart-${series.key}`} data-count={points.length}>
      <figcaption>
        <span className="swatch" style={{ background: series.color }} aria-hidden="true" />
        {series.title}
        {series.better !== 'none' && <span className="better"> ({series.better} is better)</span>}
        {last !== null && <span className="latest">{fmt(last)}</span>}
      </figcaption>
      <div ref={box} className="chart-box">
        <svg width={width} height={height} role="img" aria-label={summary}>
          <g transform={`translate(${M.left},${M.top})`}>
            <g ref={yAxisRef} className="axis axis-y" />
            <g ref={xAxisRef} className="axis axis-x" transform={`translate(0,${innerH})`} />
            {best >= 0 && (
              <g className="best-rule" data-testid={`chart-${series.key}-best`} data-epoch={bestEpoch}>
                <line x1={x(bestEpoch)} x2={x(bestEpoch)} y1={0} y2={innerH} />
                <text
                  x={x(bestEpoch) + (x(bestEpoch) > innerW - 40 ? -4 : 4)}
                  y={-4}
                  textAnchor={x(bestEpoch) > innerW - 40 ? 'end' : 'start'}
                >
                  best {bestEpoch}
                </text>
              </g>
            )}
            <path d={path} fill="none" stroke={series.color} strokeWidth={1.75} data-testid={`chart-${series.key}-line`} />
            {points.length <= MAX_DOTS &&
              points.map((p, i) =>
                Number.isFinite(values[i]) && i !== best ? (
                  <circle
                    key={p.epoch}
                    cx={x(p.epoch)}
                    cy={y(values[i])}
                    r={2.5}
                    fill={series.color}
                    data-testid={`chart-${series.key}-point`}
                  >
                    <title>{`epoch ${p.epoch}: ${fmt(values[i])}`}</title>
                  </circle>
                ) : null,
              )}
            {best >= 0 && Number.isFinite(values[best]) && (
              <circle
                className="best-dot"
                cx={x(bestEpoch)}
                cy={y(values[best])}
                r={4.5}
                stroke={series.color}
                data-testid={`chart-${series.key}-point`}
              >
                <title>{`best epoch ${bestEpoch}: ${fmt(values[best])}`}</title>
              </circle>
            )}
            {empty && (
              <text className="chart-empty" x={innerW / 2} y={innerH / 2} textAnchor="middle">
                no epochs yet
              </text>
            )}
          </g>
        </svg>
      </div>
    </figure>
  );
});
