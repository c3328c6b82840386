import { line, scaleLinear } from 'd3';
import { useRef } from 'react';
import type { StoredModel } from '../../protocol/library';
import { conceptColor } from '../../ui/concept-colors';
import { useWidth } from '../../ui/use-width';

const H = 180;
const PAD = { top: 10, right: 120, bottom: 22, left: 44 };

/** Validation NDCG@100 per epoch of every run, overlaid, with reference lines (the shown model's test figure, the paper's). */
export function RunCurves({ runs, references }: { runs: StoredModel[]; references: { label: string; value: number }[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useWidth(ref);
  const withHistory = runs.filter((r) => r.history.length > 0);
  if (!withHistory.length) return <p className="muted">No run with a training history yet.</p>;
  const maxEpoch = Math.max(...withHistory.map((r) => r.history.at(-1)!.epoch));
  const values = [...withHistory.flatMap((r) => r.history.map((p) => p.ndcg100)), ...references.map((r) => r.value)];
  const x = scaleLinear()
    .domain([1, Math.max(2, maxEpoch)])
    .range([PAD.left, Math.max(PAD.left + 10, width - PAD.right)]);
  const y = scaleLinear()
    .domain([Math.min(...values) * 0.95, Math.max(...values) * 1.02])
    .range([H - PAD.bottom, PAD.top])
    .nice();
  const path = line<{ epoch: number; ndcg100: number }>()
    .x((p) => x(p.epoch))
    .y((p) => y(p.ndcg100));
  const summary = withHistory
    .map((r) => `${r.name}: best validation NDCG@100 ${Math.max(...r.history.map((p) => p.ndcg100)).toFixed(4)} at epoch ${r.bestEpoch}`)
    .join('; ');
  return (
    <div ref={ref} className="run-curves" data-testid="run-curves">
      {width > 0 && (
        <svg width={width} height={H} role="img" aria-label={`Validation NDCG@100 per epoch. ${summary}`}>
          {y.ticks(4).map((t) => (
            <g key={t}>
              <line x1={PAD.left} x2={width - PAD.right} y1={y(t)} y2={y(t)} stroke="var(--line)" />
              <text x={PAD.left - 4} y={y(t) + 3} textAnchor="end" className="curve-tick">
                {t.toFixed(3)}
              </text>
            </g>
          ))}
          <text x={PAD.left} y={H - 4} className="curve-tick">
            epoch 1
          </text>
          <text x={width - PAD.right} y={H - 4} textAnchor="end" className="curve-tick">
            {maxEpoch}
          </text>
          {references.map((r) => (
            <g key={r.label}>
              <line x1={PAD.left} x2={width - PAD.right} y1={y(r.value)} y2={y(r.value)} stroke="#888" strokeDasharray="4 3" />
              <text x={width - PAD.right + 4} y={y(r.value) + 3} className="curve-label">
                {r.label} {r.value.toFixed(3)}
              </text>
            </g>
          ))}
          {withHistory.map((r, i) => (
            <path key={r.id} d={path(r.history) ?? ''} fill="none" stroke={conceptColor(i)} strokeWidth={1.5}>
              <title>{r.name}</title>
            </path>
          ))}
        </svg>
      )}
      <ul className="curve-legend">
        {withHistory.map((r, i) => (
          <li key={r.id}>
            <span className="curve-swatch" style={{ background: conceptColor(i) }} aria-hidden="true" /> {r.name}
          </li>
        ))}
      </ul>
    </div>
  );
}
