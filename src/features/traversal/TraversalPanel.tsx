import { useEffect, useId } from 'react';
import { conceptColor } from '../../ui/concept-colors';
import { resetOffsets, selectComponent, selectStripDim } from '../../state/selection';
import { useStore } from '../../state/store';
import { DimensionSlider } from './DimensionSlider';
import { TraversalStrip } from './TraversalStrip';
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
  const selectId = useId();

  // Open the strip on the most sensitive dimension once the order is known.
  useEffect(() => {
    if (dims && dims.k === k && stripDim === null && dims.order.length) void selectStripDim(dims.order[0]);
  }, [dims, k, stripDim]);

  if (!mu || mu.length === 0) {
    return (
      <section className="panel panel-traversal" aria-labelledby="traversal-heading">
        <h2 id="traversal-heading">Latent traversal</h2>
        <p className="muted">Latent traversal needs a MacridVAE model: this model has no intention components.</p>
      </section>
    );
  }

  let maxSensitivity = 0;
  if (dims) for (const x of dims.sensitivity) maxSensitivity = Math.max(maxSensitivity, x);

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
              {c + 1}
              {labels?.[c] ? ` · ${labels[c]}` : ''}
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
      <p className="muted trav-help">
        Each slider sets one coordinate of μ<sub>{k + 1}</sub>, over the range most users' values span. Sorted by how much moving it changes
        the top-N (1 − mean Jaccard overlap, 0–1).
      </p>
      {dims && dims.k === k ? (
        <>
          <div className="dim-columns" aria-hidden="true">
            <span>dim</span>
            <span>changes list</span>
            <span>value</span>
          </div>
          <ol className="dim-list" aria-label={`Dimensions of component ${k + 1}, most sensitive first`}>
            {Array.from(dims.order, (j) => (
              <DimensionSlider
                key={`${k}:${j}`}
                k={k}
                j={j}
                mu={mu[k * d + j]}
                lo={dims.lo[j]}
                hi={dims.hi[j]}
                sensitivity={dims.sensitivity[j]}
                maxSensitivity={maxSensitivity}
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
