import { useEffect, useRef } from 'react';
import { showWhy } from '../../state/selection';
import { useStore } from '../../state/store';
import { conceptColor } from '../../ui/concept-colors';
import { conceptText } from '../../ui/concept-tag';

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/**
 * "Why this item": the share of the item's score each component contributes
 * (c_ik · exp(cos(z_k, h_i)/τ) over their sum, with the current offsets), its concept weights c_ik,
 * and the user's clicked items nearest to it.
 */
export function WhyItemPanel() {
  const why = useStore((s) => s.why);
  const table = useStore((s) => s.items);
  const labels = useStore((s) => s.view?.conceptLabels);
  const ref = useRef<HTMLElement>(null);
  const item = why?.item ?? null;
  // Keyboard users land on what they opened; the list stays where it was.
  useEffect(() => {
    if (item !== null) ref.current?.focus({ preventScroll: false });
  }, [item]);
  if (!why || !table) return null;
  const { result, error } = why;
  return (
    <section
      ref={ref}
      className="panel panel-why"
      id="why-item"
      role="region"
      aria-labelledby="why-heading"
      tabIndex={-1}
      onKeyDown={(e) => e.key === 'Escape' && void showWhy(null)}
    >
      <div className="recs-header">
        <h2 id="why-heading">Why this item</h2>
        <span className="why-title">{table.titles[why.item]}</span>
        <button type="button" className="why-close" aria-label="Close “Why this item”" onClick={() => void showWhy(null)}>
          ×
        </button>
      </div>
      {error ? <p className="why-error">{error}</p> : null}
      {!result && !error ? <p className="muted">Working it out…</p> : null}
      {result ? (
        <>
          <p className="muted why-score">
            score {result.score.toFixed(3)}
            {result.shares.length ? ' = log Σ_k c_ik · exp(cos(z_k, h_i)/τ), with the current slider offsets' : ''}
          </p>
          {result.shares.length ? (
            <table className="why-table" aria-label="Share of the score per component">
              <thead>
                <tr>
                  <th scope="col">component</th>
                  <th scope="col">share of the score</th>
                  <th scope="col" title="the item's concept weight c_ik (soft assignment)">
                    c_ik
                  </th>
                </tr>
              </thead>
              <tbody>
                {Array.from(result.shares, (s, k) => (
                  <tr key={k} data-testid="why-share">
                    <th scope="row" title={labels?.[k]?.detail}>
                      {conceptText(k, labels?.[k])}
                    </th>
                    <td>
                      <span
                        className="why-bar"
                        style={{ width: `${Math.max(1, 60 * s)}px`, background: conceptColor(k) }}
                        aria-hidden="true"
                      />{' '}
                      <span data-testid="why-share-value">{pct(s)}</span>
                    </td>
                    <td>{result.conceptWeights[k].toFixed(3)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">This model has no components, so its score does not split; the nearest clicks are all there is to show.</p>
          )}
          <h3 className="why-sub">Nearest of the user’s clicks</h3>
          <p className="muted why-space">cosine in {result.space}</p>
          {result.nearest.items.length ? (
            <ol className="why-nearest">
              {Array.from(result.nearest.items, (i, r) => (
                <li key={i}>
                  <span className="why-cos">{result.nearest.cos[r].toFixed(3)}</span> {table.titles[i]}
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted">The user has no other clicks.</p>
          )}
        </>
      ) : null}
    </section>
  );
}
