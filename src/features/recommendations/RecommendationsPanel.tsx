import { useId, useLayoutEffect } from 'react';
import { listShown, setTopN } from '../../state/selection';
import { recDiff } from '../../state/selection-slice';
import { useStore } from '../../state/store';
import { RecRow } from './RecRow';
import './recommendations.css';

const SIZES = [10, 20, 50, 100];

/**
 * The user's top-N with the current slider offsets, marked against the same user's list with no
 * offsets: items that entered, rank changes, and the items that left.
 */
export function RecommendationsPanel() {
  const recs = useStore((s) => s.recs);
  const table = useStore((s) => s.items);
  const topN = useStore((s) => s.topN);
  const labels = useStore((s) => s.view?.conceptLabels);
  const userId = useStore((s) => (s.user === null ? null : (s.users?.ids[s.user] ?? null)));
  const hasConcepts = useStore((s) => (s.loaded?.model?.K ?? 0) > 1);
  const sizeId = useId();
  const leftId = useId();

  const diff = useStore(recDiff);

  // After React has put the new list into the DOM: the status bar's input → screen time.
  useLayoutEffect(() => {
    if (recs) listShown();
  }, [recs]);

  const sizes = SIZES.includes(topN) ? SIZES : [...SIZES, topN].sort((a, b) => a - b);
  const entered = diff ? diff.entries.reduce((n, e) => n + (e.prevRank === null ? 1 : 0), 0) : 0;

  const genres = (item: number) => table?.categories[item].join(' · ') ?? '';
  const concept = (item: number) => (hasConcepts && table ? table.concept[item] : null);

  return (
    <section className="panel panel-recs" aria-labelledby="recs-heading">
      <div className="recs-header">
        <h2 id="recs-heading">Recommendations</h2>
        {userId !== null ? <span className="muted">for user {userId}</span> : null}
        <label htmlFor={sizeId} className="recs-size-label">
          top
        </label>
        <select id={sizeId} value={topN} onChange={(e) => void setTopN(Number(e.currentTarget.value))}>
          {sizes.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
      {diff && table ? (
        <>
          <p className="recs-summary muted" aria-live="polite">
            {entered || diff.left.length ? (
              <>
                <span className="rec-move new">new</span> {entered} entered, {diff.left.length} left, compared with no slider offsets
              </>
            ) : (
              'Move a slider: items that enter are marked new, items that leave are listed below.'
            )}
          </p>
          <ol className="rec-list" aria-label="Recommendations">
            {diff.entries.map((e) => {
              const c = concept(e.item);
              return (
                <RecRow
                  key={e.item}
                  rank={e.rank}
                  change={e.change}
                  title={table.titles[e.item]}
                  genres={genres(e.item)}
                  concept={c}
                  conceptLabel={c !== null ? (labels?.[c] ?? '') : ''}
                  conceptProb={table.conceptProb[e.item]}
                />
              );
            })}
          </ol>
          {diff.left.length ? (
            <div className="recs-left">
              <h3 id={leftId}>Left the top {topN}</h3>
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
      ) : (
        <p className="muted">No user selected.</p>
      )}
    </section>
  );
}
