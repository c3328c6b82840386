import { useEffect, useId } from 'react';
import { conceptText } from '../../ui/concept-tag';
import { conceptColor } from '../../ui/concept-colors';
import { resetOffsets, selectComponent, selectStripDim, setRange } from '../../state/selection';
import { useStore } from '../../state/store';
import { DimensionSlider } from './DimensionSlider';
import { TraversalStrip } from './TraversalStrip';
import type { DimensionInfo } from '../../protocol/engine';
import './traversal.css';

/**
 * Latent traversal of the selected component k: one slider per dimension of μ_k, most sensitive
 * first, and the traversal strip of the selected dimension.
 *
 * All d rows are rendered (no virtualisation, so Tab walks every slider and find-in-page works);
 * `content-visibility: auto` in traversal.css lets the browser skip layout and paint of rows
 * scrolled out of view, which is what virtualisation would have bought.
 */
export function TraversalPanel() {
  const k = useStore((s) => s.component);
  const dims = useStore((s) => s.dims);
  const mu = useStore((s) => s.view?.mu);
  const labels = useStore((s) => s.view?.conceptLabels);
  const K = useStore((s) => s.loaded?.model?.K ?? 0);
  const d = useStore((s) => s.loaded?.model?.d ?? 0);
  const moved = useStore((s) => Object.keys(s.offsets).length);
  const stripDim = useStore((s) => s.stripDim);
  const range = useStore((s) => s.range);
  const selectId = useId();
  const rangeId = useId();

  // Open the strip on the most sensitive dimension once the order is known.
  useEffect(() => {
    if (dims && dims.k === k && stripDim === null && dims.order.length) void selectStripDim(dims.order[0]);
  }, [dims, k, stripDim]);

  if (!mu || mu.length === 0) {
    return (
      <section className="panel panel-traversal" aria-labelledby="traversal-heading">
        <h2 id="traversal-heading">Latent traversal</h2>
        <p className="muted">Latent traversal needs MacridVAE or β-Mult-VAE: this model (Mult-DAE) has no latent to move.</p>
      </section>
    );
  }

  let maxSensitivity = 0;
  if (dims) for (const x of dims.aloneSensitivity) maxSensitivity = Math.max(maxSensitivity, x);

  return (
    <section className="panel panel-traversal" aria-labelledby="traversal-heading">
      <div className="trav-header">
        <h2 id="traversal-heading">Latent traversal</h2>
        <label htmlFor={selectId} className="muted">
          component
        </label>
        <select id={selectId} className="trav-component" value={k} onChange={(e) => void selectComponent(Number(e.currentTarget.value))}>
          {Array.from({ length: K }, (_, c) => (
            <option key={c} value={c}>
              {conceptText(c, labels?.[c])}
            </option>
          ))}
        </select>
        <span className="concept-tag" style={{ background: conceptColor(k) }}>
          C{k + 1}
        </span>
        <button type="button" className="trav-reset" disabled={moved === 0} onClick={() => void resetOffsets()}>
          Reset all sliders
        </button>
        <span className="muted trav-moved" aria-live="polite">
          {moved ? `${moved} moved` : ''}
        </span>
      </div>
      <label className="trav-range" htmlFor={rangeId}>
        <input
          id={rangeId}
          type="checkbox"
          checked={range === 'full'}
          onChange={(e) => void setRange(e.currentTarget.checked ? 'full' : 'data')}
        />{' '}
        Beyond the data range
        <span className="muted">
          {' '}
          —{' '}
          {range === 'full'
            ? '−1…1 (z_k is re-normalised: ±1 turns it towards ±e_j); shaded: where most users sit'
            : 'now: where most users’ values sit'}
        </span>
      </label>
      <p className="muted trav-help">
        {K > 1 ? (
          <>
            Coordinates of μ<sub>{k + 1}</sub>, sorted by how much each moves “Component {k + 1} alone” (1 − mean Jaccard, then the same for
            the Recommendations).
          </>
        ) : (
          <>One latent for the whole user (no components): coordinates of μ, sorted by how much each moves the Recommendations.</>
        )}{' '}
        Below each: what rises ↑ and falls ↓ in that list as the value goes up. Delete resets a slider.
        {dims && dims.k === k ? <SharedAxis dims={dims} /> : null}
      </p>
      {dims && dims.k === k ? (
        <>
          <ol
            className="dim-list"
            id="traversal-sliders"
            tabIndex={-1}
            aria-label={`Dimensions of component ${k + 1}, the one that moves its own list most first`}
          >
            {Array.from(dims.order, (j) => (
              <DimensionSlider
                key={`${k}:${j}:${dims.range}`}
                k={k}
                j={j}
                mu={mu[k * d + j]}
                lo={dims.lo[j]}
                hi={dims.hi[j]}
                dataLo={dims.dataLo[j]}
                dataHi={dims.dataHi[j]}
                full={dims.range === 'full'}
                sensitivity={dims.aloneSensitivity[j]}
                mixtureSensitivity={dims.sensitivity[j]}
                maxSensitivity={maxSensitivity}
                effect={dims.effects[j].text}
              />
            ))}
          </ol>
          <TraversalStrip d={d} />
        </>
      ) : (
        <p className="muted" role="status">
          Measuring how much each of the {d} dimensions moves the list…
        </p>
      )}
    </section>
  );
}

/** Dimension j is one axis of the item space in every component: say so when one axis leads most of them. */
function SharedAxis({ dims }: { dims: DimensionInfo }) {
  const K = dims.topDimension.length;
  const counts = new Map<number, number>();
  for (const j of dims.topDimension) counts.set(j, (counts.get(j) ?? 0) + 1);
  const [j, n] = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0] ?? [0, 0];
  if (K < 2 || n < 2) return null;
  return (
    <>
      {' '}
      Dimension {j + 1} moves its component’s own list most in {n} of {K} components: dimension j is the same axis of the item space (h_i)
      in every component.
    </>
  );
}
