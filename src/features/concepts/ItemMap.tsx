import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ConceptsReport, MapProgress } from '../../protocol/concepts';
import { useStore } from '../../state/store';
import type { ItemTable } from '../../protocol/engine';
import { AssignmentBars } from './AssignmentBars';
import { computeMap, selectItem, setConcepts } from './concepts-actions';
import { MAP_DEFAULTS, useConcepts, type ColourBy } from './concepts-store';
import { ConceptTag } from '../../ui/concept-tag';
import { downloadBlob } from './download';
import { conceptColor, count } from './format';
import { useWidth } from '../../ui/use-width';
import { MapCanvas, type Anchor, type MapControls } from './MapCanvas';
import { anchorPosition, fitToBox } from './map-geometry';
import { pointStyle } from './map-style';
import { mapSvg } from './map-svg';

const titleOf = (items: ItemTable, i: number) => items.titles[i] || `item ${items.ids[i]}`;

function progressText(p: MapProgress | null, nNeighbors: number): string {
  if (!p) return '';
  switch (p.stage) {
    case 'neighbours':
      return `Finding the ${nNeighbors - 1} nearest neighbours of each item (cosine, NN-descent): round ${Math.floor(p.done)} of at most ${p.total}; shown meanwhile: the items on their two principal axes`;
    case 'graph':
      return 'Building the neighbour graph';
    case 'layout':
      return `Laying out: epoch ${p.done} / ${p.total}`;
    case 'done':
      return 'done';
  }
}

function colourValue(by: ColourBy): string {
  return by.kind === 'category' ? `cat:${by.c}` : by.kind;
}

function parseColour(v: string): ColourBy {
  if (v.startsWith('cat:')) return { kind: 'category', c: Number(v.slice(4)) };
  return v === 'primary' ? { kind: 'primary' } : { kind: 'concept' };
}

function ItemDetails({ report, items, item }: { report: ConceptsReport; items: ItemTable; item: number }) {
  const k = report.concept[item];
  return (
    <div className="cx-item">
      <p className="cx-item-title">{titleOf(items, item)}</p>
      <p className="cx-item-meta">
        <ConceptTag k={k} label={report.labels[k]} /> <span className="cx-muted">id {items.ids[item]}</span>
      </p>
      {items.categories[item]?.length > 0 && <p className="cx-item-meta cx-muted">{items.categories[item].join(' · ')}</p>}
    </div>
  );
}

export function ItemMap({ report, items, prefix }: { report: ConceptsReport; items: ItemTable; prefix: string }) {
  const s = useConcepts(
    useShallow((st) => ({
      coords: st.coords,
      progress: st.mapProgress,
      error: st.mapError,
      options: st.mapOptions,
      ms: st.mapMs,
      laidOut: st.laidOut,
      colourBy: st.colourBy,
      isolate: st.isolate,
      search: st.search,
      hovered: st.hovered,
      selected: st.selected,
      neighbours: st.neighbours,
      showUser: st.showUser,
      anchors: st.anchors,
      reveal: st.reveal,
    })),
  );
  const view = useStore((st) => st.view);
  const where = useStore((st) => st.where);
  const wrapRef = useRef<HTMLDivElement>(null);
  const controls = useRef<MapControls>(null);
  const width = useWidth(wrapRef);
  const height = Math.round(Math.max(380, Math.min(640, width * 0.7)));
  const [drawn, setDrawn] = useState(0);
  const [tip, setTip] = useState<{ i: number; x: number; y: number } | null>(null);

  const base = useMemo(() => (s.coords && width > 0 ? fitToBox(s.coords, width, height) : null), [s.coords, width, height]);
  const style = useMemo(() => pointStyle(report, items, s.colourBy, s.isolate, s.search), [report, items, s.colourBy, s.isolate, s.search]);
  const anchors = useMemo<Anchor[]>(() => {
    if (!base || !s.showUser || !s.anchors || !view || view.user !== s.anchors.user) return [];
    return s.anchors.anchors.map((a, k) => {
      const [x, y] = anchorPosition(base, a.items, a.cos, report.tau);
      return { k, x, y, share: view.shares[k] ?? 0 };
    });
  }, [base, s.showUser, s.anchors, view, report.tau]);
  const matchList = useMemo(() => {
    if (!s.search.trim()) return [];
    const out: number[] = [];
    for (let i = 0; i < style.match.length && out.length < 12; i++) if (style.match[i]) out.push(i);
    return out;
  }, [style, s.search]);

  const names = report.categories?.names ?? [];
  const done = s.progress?.stage === 'done' && s.coords !== null;
  const choose = (i: number | null) => {
    void selectItem(i);
  };
  const chooseAndShow = (i: number) => void selectItem(i, true);
  // Items picked from a list (here or in other cards) are brought to the middle of the map.
  const revealed = useRef(s.reveal);
  useEffect(() => {
    if (s.reveal === revealed.current) return;
    revealed.current = s.reveal;
    if (s.selected !== null) controls.current?.centerOn(s.selected);
  }, [s.reveal, s.selected]);
  const exportSvg = () => {
    if (!s.coords) return;
    const what = s.colourBy.kind === 'concept' ? 'concepts' : s.colourBy.kind === 'primary' ? 'rarest genre' : names[s.colourBy.c];
    downloadBlob(
      `${prefix}-item-map.svg`,
      new Blob([mapSvg(s.coords, style, `UMAP of ${report.M} items, coloured by ${what}`, items.titles)], {
        type: 'image/svg+xml;charset=utf-8',
      }),
    );
  };

  return (
    <section className="cx-card cx-map-card" aria-labelledby="cx-map-h" data-testid="item-map">
      <div className="cx-card-head">
        <h3 id="cx-map-h">Item map</h3>
        <p className="cx-muted">
          UMAP of the {count(report.M)} normalised item vectors ĥ<sub>i</sub> (d = {report.d}), computed
          {where === 'worker' ? ' in a worker of its own' : ' on the main thread (no worker)'}, drawn as it converges.
        </p>
      </div>
      <div className="cx-controls" role="group" aria-label="Map controls">
        <label>
          Colour by{' '}
          <select value={colourValue(s.colourBy)} onChange={(e) => setConcepts({ colourBy: parseColour(e.target.value), isolate: -1 })}>
            <option value="concept">concept (argmax c)</option>
            {names.length > 0 && <option value="primary">rarest genre</option>}
            {names.length > 0 && (
              <optgroup label="one genre against the rest">
                {names.map((n, c) => (
                  <option key={n} value={`cat:${c}`}>
                    {n}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        <label className="cx-search">
          Search titles{' '}
          <input
            type="search"
            value={s.search}
            placeholder="e.g. star wars"
            onChange={(e) => setConcepts({ search: e.target.value })}
            aria-describedby="cx-search-count"
          />
        </label>
        <span id="cx-search-count" className="cx-muted" aria-live="polite" data-testid="map-search-count">
          {s.search.trim() ? `${count(style.matches)} match${style.matches === 1 ? '' : 'es'}` : ''}
        </span>
        <label title="Draw the selected user's K component vectors μ_k, each at the exp(cos/τ)-weighted mean position of its 15 nearest items of concept k (UMAP's transform starts from such a mean; no refinement), and ring the user's clicked items">
          <input type="checkbox" checked={s.showUser} onChange={(e) => setConcepts({ showUser: e.target.checked })} /> selected user's μ
          <sub>k</sub>
          {view ? ` (user ${view.id})` : ''}
        </label>
        <label>
          Layout{' '}
          <select
            value={s.options.nEpochs}
            onChange={(e) => void computeMap({ nEpochs: Number(e.target.value) })}
            disabled={!done && !s.error}
          >
            <option value={200}>200 epochs (fast)</option>
            <option value={500}>500 epochs</option>
          </select>
        </label>
        {report.M > MAP_DEFAULTS.sample && (
          <label title="Above this many items the map lays out a seeded sample, like the Embedding Projector, unless asked for all">
            Items{' '}
            <select
              value={s.options.sample}
              onChange={(e) => void computeMap({ sample: Number(e.target.value) })}
              disabled={!done && !s.error}
            >
              <option value={MAP_DEFAULTS.sample}>sample of {count(MAP_DEFAULTS.sample)}</option>
              <option value={0}>all {count(report.M)}</option>
            </select>
          </label>
        )}
        <label>
          seed{' '}
          <input
            type="number"
            className="cx-seed"
            value={s.options.seed}
            min={0}
            step={1}
            disabled={!done && !s.error}
            onChange={(e) =>
              Number.isInteger(Number(e.target.value)) && e.target.value !== '' && void computeMap({ seed: Number(e.target.value) })
            }
          />
        </label>
        <span className="cx-zoom" role="group" aria-label="Zoom">
          <button type="button" className="cx-small" onClick={() => controls.current?.zoomBy(1.5)} aria-label="Zoom in">
            +
          </button>
          <button type="button" className="cx-small" onClick={() => controls.current?.zoomBy(1 / 1.5)} aria-label="Zoom out">
            −
          </button>
          <button type="button" className="cx-small" onClick={() => controls.current?.reset()}>
            Reset view
          </button>
        </span>
        <button type="button" className="cx-small" onClick={exportSvg} disabled={!s.coords} aria-label="Download the item map as SVG">
          SVG
        </button>
      </div>
      <div className="cx-map-status" data-testid="umap-status" data-stage={s.error ? 'error' : (s.progress?.stage ?? 'idle')}>
        {s.error ? (
          <span className="cx-warn" role="alert">
            The map could not be computed: {s.error}{' '}
            <button type="button" className="cx-small" onClick={() => void computeMap()}>
              Retry
            </button>
          </span>
        ) : done ? (
          <span className="cx-muted">
            {s.laidOut < report.M ? `${count(s.laidOut)} of ${count(report.M)} items (seeded sample) · ` : ''}
            {s.options.nEpochs} epochs, {s.options.nNeighbors} neighbours, min_dist {s.options.minDist}, seed {s.options.seed}
            {s.ms !== null ? ` · ${(s.ms / 1000).toFixed(1)} s` : ''} ·{' '}
            <span data-testid="map-point-count" data-count={drawn}>
              {count(drawn)} points drawn
            </span>
          </span>
        ) : !s.progress ? (
          <span className="cx-muted">
            The map has not been laid out.{' '}
            <button type="button" className="cx-small" onClick={() => void computeMap()}>
              Compute the map now
            </button>
          </span>
        ) : (
          <>
            <progress data-testid="umap-progress" max={1} value={s.progress?.fraction ?? 0} aria-label="Item map progress" />
            <span className="cx-muted">{progressText(s.progress, s.options.nNeighbors)}</span>
          </>
        )}
      </div>
      <div className="cx-map-body">
        <div className="cx-map-wrap" ref={wrapRef}>
          {base ? (
            <MapCanvas
              base={base}
              width={width}
              height={height}
              style={style}
              selected={s.selected}
              neighbours={s.neighbours && s.neighbours.item === s.selected ? s.neighbours.items : null}
              hovered={tip?.i ?? null}
              history={s.showUser && view ? view.history : null}
              anchors={anchors}
              controls={controls}
              label={`Scatter plot of ${report.M} items. Use the search box and the lists beside it to pick items with the keyboard; arrows pan, + and − zoom, 0 resets.`}
              onHover={(i, x, y) => setTip(i === null ? null : { i, x, y })}
              onSelect={choose}
              onDrawn={(n) => n !== drawn && setDrawn(n)}
            />
          ) : (
            <div className="cx-map-placeholder" style={{ height }} aria-hidden="true" />
          )}
          {anchors.length > 0 && view && (
            <p className="cx-map-key" aria-hidden="true">
              <span className="cx-key-diamond" /> μ<sub>k</sub> of user {view.id}, placed among its 15 nearest items of concept k (size:
              share of history) <span className="cx-key-ring" /> items the user clicked
            </p>
          )}
          {tip && (
            <div className="cx-tip" style={{ left: Math.min(tip.x + 14, Math.max(0, width - 260)), top: tip.y + 14 }} role="tooltip">
              <ItemDetails report={report} items={items} item={tip.i} />
              <AssignmentBars assignment={report.assignment} K={report.K} item={tip.i} />
            </div>
          )}
        </div>
        <aside className="cx-map-side" aria-label="Map details">
          <ul className="cx-legend" aria-label="Legend: choose an entry to show it alone">
            {style.legend.map((e, g) =>
              e.count === 0 ? null : (
                <li key={g}>
                  <button
                    type="button"
                    aria-pressed={s.isolate === g}
                    className={s.isolate >= 0 && s.isolate !== g ? 'off' : ''}
                    onClick={() => setConcepts({ isolate: s.isolate === g ? -1 : g })}
                  >
                    <span className="cx-swatch" style={{ background: e.color }} />
                    <span className="cx-legend-label">{e.label}</span>
                    <span className="cx-muted">{count(e.count)}</span>
                  </button>
                </li>
              ),
            )}
          </ul>
          {matchList.length > 0 && (
            <div>
              <h4>Matching titles</h4>
              <ul className="cx-list">
                {matchList.map((i) => (
                  <li key={i}>
                    <button type="button" className="cx-link" onClick={() => chooseAndShow(i)}>
                      {titleOf(items, i)}
                    </button>
                  </li>
                ))}
                {style.matches > matchList.length && <li className="cx-muted">… and {count(style.matches - matchList.length)} more</li>}
              </ul>
            </div>
          )}
          {s.selected !== null ? (
            <div data-testid="map-selection">
              <h4>Selected item</h4>
              <ItemDetails report={report} items={items} item={s.selected} />
              <AssignmentBars assignment={report.assignment} K={report.K} item={s.selected} wide />
              <h4>Nearest items (cosine of ĥ)</h4>
              {s.neighbours && s.neighbours.item === s.selected ? (
                <ol className="cx-list" data-testid="map-neighbours">
                  {Array.from(s.neighbours.items, (j, p) => (
                    <li key={j}>
                      <span className="cx-li">
                        <button type="button" className="cx-link" onClick={() => chooseAndShow(j)}>
                          <span className="cx-dot" style={{ background: conceptColor(report.concept[j]) }} />
                          {titleOf(items, j)}
                        </button>
                        <span className="cx-muted">{s.neighbours!.cos[p].toFixed(3)}</span>
                      </span>
                    </li>
                  ))}
                </ol>
              ) : (
                <p className="cx-muted">finding neighbours…</p>
              )}
              <button type="button" className="cx-small" onClick={() => choose(null)}>
                Clear selection
              </button>
            </div>
          ) : (
            <p className="cx-muted cx-hint">
              Hover a point for its title and assignment; click it to see its nearest items. Drag to pan, scroll to zoom.
            </p>
          )}
        </aside>
      </div>
    </section>
  );
}
