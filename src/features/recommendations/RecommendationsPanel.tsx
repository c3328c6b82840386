import { useId, useLayoutEffect } from 'react';
import { listShown, setTopN } from '../../state/selection';
import { recDiff } from '../../state/selection-slice';
import { useStore } from '../../state/store';
import { RankedList } from './RankedList';
import './recommendations.css';

const SIZES = [10, 20, 50, 100];

/** The user's top-N from the full mixture (what actually reaches the user), with the current slider offsets. */
export function RecommendationsPanel() {
  const recs = useStore((s) => s.recs);
  const topN = useStore((s) => s.topN);
  const userId = useStore((s) => (s.user === null ? null : (s.users?.ids[s.user] ?? null)));
  const hasSliders = useStore((s) => (s.view?.mu.length ?? 0) > 0);
  const sizeId = useId();
  const diff = useStore(recDiff);

  // After React has put the new list into the DOM: the status bar's input → screen time.
  useLayoutEffect(() => {
    if (recs) listShown();
  }, [recs]);

  const sizes = SIZES.includes(topN) ? SIZES : [...SIZES, topN].sort((a, b) => a - b);
  return (
    <section className="panel panel-recs" aria-labelledby="recs-heading">
      <div className="recs-header">
        <h2 id="recs-heading">Recommendations</h2>
        {userId !== null ? <span className="muted">user {userId}, all components</span> : null}
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
        {hasSliders ? (
          <a className="skip-link" href="#traversal-sliders" onClick={skipToSliders}>
            Skip to the sliders
          </a>
        ) : null}
      </div>
      {diff ? <RankedList diff={diff} label="Recommendations" n={topN} /> : <p className="muted">No user selected.</p>}
    </section>
  );
}

function skipToSliders(e: React.MouseEvent<HTMLAnchorElement>) {
  const list = document.getElementById('traversal-sliders');
  if (!list) return;
  e.preventDefault();
  const first = list.querySelector<HTMLInputElement>('input[type="range"]');
  (first ?? list).focus();
}
