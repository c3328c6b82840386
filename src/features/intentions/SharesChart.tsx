import { scaleBand, scaleLinear } from 'd3';
import { useRef } from 'react';
import { conceptColor } from '../../ui/concept-colors';
import type { ConceptLabel } from '../../protocol/engine';
import { conceptText } from '../../ui/concept-tag';
import { percent } from './format';
import { useWidth } from '../../ui/use-width';

const HEIGHT = 92;
const TOP = 14;
const BOTTOM = 18;

/** A compact bar chart of the user's K intention shares; the component chosen for traversal is outlined. */
export function SharesChart({
  shares,
  labels,
  selected,
  onSelect,
}: {
  shares: Float32Array;
  labels: ConceptLabel[];
  selected: number;
  /** a click on a bar (the keyboard path is the traversal panel's component select) */
  onSelect?: (k: number) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useWidth(ref);
  const K = shares.length;
  const x = scaleBand<number>()
    .domain(Array.from({ length: K }, (_, k) => k))
    .range([0, width])
    .paddingInner(0.25)
    .paddingOuter(0.1);
  const max = Math.max(...shares, 1e-6);
  const y = scaleLinear()
    .domain([0, max])
    .range([HEIGHT - BOTTOM, TOP]);
  const summary = Array.from(shares, (s, k) => `${conceptText(k, labels[k])} ${percent(s)}`).join(', ');
  return (
    <div ref={ref} className="shares-chart">
      {width > 0 && (
        <svg width={width} height={HEIGHT} role="img" aria-label={`Share of the history per intention: ${summary}`}>
          <line x1={0} x2={width} y1={HEIGHT - BOTTOM + 0.5} y2={HEIGHT - BOTTOM + 0.5} stroke="var(--line)" />
          {Array.from(shares, (s, k) => {
            const bx = x(k) ?? 0;
            const bw = x.bandwidth();
            const by = y(s);
            const on = k === selected;
            return (
              <g key={k} className={onSelect ? 'shares-bar' : undefined} onClick={onSelect ? () => onSelect(k) : undefined}>
                <title>{`${conceptText(k, labels[k])}: ${percent(s)} of the history (soft, Σ c_ik)${labels[k]?.detail ? `\n${labels[k].detail}` : ''}`}</title>
                <rect
                  x={bx}
                  y={by}
                  width={bw}
                  height={Math.max(1, HEIGHT - BOTTOM - by)}
                  rx={2}
                  fill={conceptColor(k)}
                  stroke={on ? 'var(--ink)' : 'none'}
                  strokeWidth={on ? 2 : 0}
                />
                <text x={bx + bw / 2} y={by - 3} textAnchor="middle" className="shares-value">
                  {percent(s)}
                </text>
                <text x={bx + bw / 2} y={HEIGHT - 4} textAnchor="middle" className={on ? 'shares-axis on' : 'shares-axis'}>
                  {conceptText(k, undefined)}
                </text>
              </g>
            );
          })}
        </svg>
      )}
    </div>
  );
}
