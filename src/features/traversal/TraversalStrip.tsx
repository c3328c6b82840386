import { memo, useCallback } from 'react';
import { conceptColor } from '../../ui/concept-colors';
import { setOffset } from '../../state/selection';
import { useStore } from '../../state/store';
import type { ItemTable } from '../../protocol/engine';
import { shortTitle } from './short-title';
import { formatValue } from './slider-scale';

interface ColumnProps {
  index: number;
  value: number;
  items: Int32Array;
  /** the column to the left, to mark the items this step brings in */
  previous: Int32Array | null;
  table: ItemTable;
  current: boolean;
  dimLabel: string;
  onPick: (value: number) => void;
}

const StripColumn = memo(function StripColumn({ index, value, items, previous, table, current, dimLabel, onPick }: ColumnProps) {
  const before = previous ? new Set(previous) : null;
  return (
    <div className={`strip-col${current ? ' current' : ''}`} onClick={() => onPick(value)}>
      <button
        type="button"
        className="strip-head"
        aria-pressed={current}
        aria-label={`set ${dimLabel} to ${formatValue(value)} (step ${index + 1})`}
        onClick={(e) => {
          e.stopPropagation();
          onPick(value);
        }}
      >
        {formatValue(value)}
      </button>
      <ol className="strip-items">
        {Array.from(items, (item) => (
          <li
            key={item}
            className={before && !before.has(item) ? 'entering' : undefined}
            title={`${table.titles[item]}\n${table.categories[item].join(', ')}`}
          >
            <span className="strip-dot" style={{ background: conceptColor(table.concept[item]) }} aria-hidden="true" />
            {shortTitle(table.titles[item])}
          </li>
        ))}
      </ol>
    </div>
  );
});

/**
 * The paper's traversal figure for the selected dimension: the top items at evenly spaced values
 * of z_kj (every other coordinate where it stands now), side by side. Clicking a column moves the
 * slider there.
 */
export function TraversalStrip({ d }: { d: number }) {
  const strip = useStore((s) => s.strip);
  const k = useStore((s) => s.component);
  const K = useStore((s) => s.loaded?.model?.K ?? 0);
  const mu = useStore((s) => s.view?.mu);
  const table = useStore((s) => s.items);
  const offset = useStore((s) => (s.stripDim === null ? 0 : (s.offsets[`${s.component}:${s.stripDim}`] ?? 0)));
  const stripDim = useStore((s) => s.stripDim);
  const ready = !!strip && strip.j === stripDim && strip.k === k && !!mu && !!table;
  const m = ready ? mu[k * d + strip.j] : 0;
  const pickJ = ready ? strip.j : -1;
  const pick = useCallback((v: number) => pickJ >= 0 && setOffset(k, pickJ, v - m), [k, pickJ, m]);

  if (stripDim === null) return <p className="muted">Click a dimension's number or focus its slider to see its traversal.</p>;
  if (!ready || !strip || !table) return <p className="muted">Computing the traversal of dimension {stripDim + 1}…</p>;

  const j = strip.j;
  const now = m + offset;
  const spacing = strip.values.length > 1 ? strip.values[1] - strip.values[0] : Infinity;
  let current = -1;
  strip.values.forEach((v, i) => {
    if (Math.abs(v - now) <= spacing / 2 && (current < 0 || Math.abs(v - now) < Math.abs(strip.values[current] - now))) current = i;
  });
  const dimLabel = `component ${k + 1} dimension ${j + 1}`;

  return (
    <div className="strip-wrap">
      <h3 className="strip-title">
        Traversal of dimension {j + 1}{' '}
        <span className="muted">
          — {K > 1 ? `“Component ${k + 1} alone”` : 'Recommendations'}, top {strip.steps[0]?.length ?? 0} at {strip.values.length} values
          across {strip.range === 'full' ? '−1…1' : 'the data range'}; green marks what each step brings in; click a column to move the
          slider there
        </span>
      </h3>
      <div className="strip" role="group" aria-label={`Traversal strip of ${dimLabel}`}>
        {strip.values.map((v, i) => (
          <StripColumn
            key={i}
            index={i}
            value={v}
            items={strip.steps[i]}
            previous={i > 0 ? strip.steps[i - 1] : null}
            table={table}
            current={i === current}
            dimLabel={dimLabel}
            onPick={pick}
          />
        ))}
      </div>
    </div>
  );
}
