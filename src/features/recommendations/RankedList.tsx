import { useCallback, useId } from 'react';
import type { TopNDiff } from '../../core/traversal/top-n';
import { showWhy } from '../../state/selection';
import { useStore } from '../../state/store';
import { RecRow } from './RecRow';

/** A ranked list marked against the same list with no offsets: entered, rank changes, and what left. */
export function RankedList({ diff, label, n }: { diff: TopNDiff; label: string; n: number }) {
  const table = useStore((s) => s.items);
  const labels = useStore((s) => s.view?.conceptLabels);
  const hasConcepts = useStore((s) => (s.loaded?.model?.K ?? 0) > 1);
  const open = useStore((s) => s.why?.item ?? null);
  const leftId = useId();
  const onWhy = useCallback((item: number) => void showWhy(item), []);
  if (!table) return null;
  const entered = diff.entries.reduce((c, e) => c + (e.prevRank === null ? 1 : 0), 0);
  return (
    <>
      <p className="recs-summary muted" aria-live="polite">
        {entered || diff.left.length ? (
          <>
            <span className="rec-move new">new</span> {entered} entered, {diff.left.length} left, against no offsets
          </>
        ) : (
          'Against no offsets. A title opens “Why this item”.'
        )}
      </p>
      <ol className="rec-list" aria-label={label}>
        {diff.entries.map((e) => {
          const c = hasConcepts ? table.concept[e.item] : null;
          return (
            <RecRow
              key={e.item}
              item={e.item}
              rank={e.rank}
              change={e.change}
              title={table.titles[e.item]}
              genres={table.categories[e.item].join(' · ')}
              concept={c}
              conceptLabel={c !== null ? labels?.[c] : undefined}
              conceptProb={table.conceptProb[e.item]}
              open={open === e.item}
              onWhy={onWhy}
            />
          );
        })}
      </ol>
      {diff.left.length ? (
        <div className="recs-left">
          <h3 id={leftId}>Left the top {n}</h3>
          <ul aria-labelledby={leftId}>
            {diff.left.map((e) => (
              <li key={e.item}>
                <span className="muted rec-was">was {e.prevRank + 1}</span>
                <s className="rec-title">{table.titles[e.item]}</s>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}
