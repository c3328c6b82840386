import { interpolateBlues } from 'd3';
import { useMemo, useRef, useState } from 'react';
import type { CategoryAgreement, ConceptsReport } from '../../protocol/concepts';
import type { ItemTable } from '../../protocol/engine';
import { ChartCard } from './ChartCard';
import { selectItem, setConcepts } from './concepts-actions';
import { useConcepts, type CellScale } from './concepts-store';
import { conceptColor, conceptName, count, fixed, percent } from './format';
import { Heatmap } from './Heatmap';

const SCALE_TEXT: Record<CellScale, string> = {
  column: 'share of the genre’s items',
  row: 'share of the concept’s items',
  count: 'item count',
};

function Metrics({ cat, M }: { cat: CategoryAgreement; M: number }) {
  return (
    <dl className="cx-metrics">
      <div title="Normalised mutual information (arithmetic mean normalisation, as sklearn) between each item's concept (argmax c) and its rarest genre (the item's least frequent genre in the catalogue, not the first in MovieLens's alphabetical list). 0: independent, 1: the same partition.">
        <dt>NMI</dt>
        <dd data-testid="concepts-nmi">{fixed(cat.nmi, 3)}</dd>
      </div>
      <div title="Adjusted Rand index between each item's concept (argmax c) and its rarest genre. 0: chance level, 1: the same partition.">
        <dt>ARI</dt>
        <dd data-testid="concepts-ari">{fixed(cat.ari, 3)}</dd>
      </div>
      <div title="The official macro-disentanglement check (SPEC §5.1): +1 if the categories pick distinct prototypes, +1 if the prototypes pick distinct categories, +1 if both maps are inverse of each other. Computed from cosines between prototypes and category centres (normalised sums of ĥ over each category's items, every listed genre counted). 3 needs as many concepts as categories.">
        <dt>Interpretability</dt>
        <dd data-testid="concepts-interpretability">{cat.interpretability} / 3</dd>
      </div>
      <div>
        <dt>Labelled items</dt>
        <dd>
          {count(cat.labelledItems)} of {count(M)}
        </dd>
      </div>
    </dl>
  );
}

function CellItems({ report, items, k, c }: { report: ConceptsReport; items: ItemTable; k: number; c: number }) {
  const [all, setAll] = useState(false);
  const name = report.categories!.names[c];
  const list = useMemo(() => {
    const out: number[] = [];
    for (let i = 0; i < report.M; i++) if (report.concept[i] === k && items.categories[i]?.includes(name)) out.push(i);
    return out.sort((a, b) => report.assignment[b * report.K + k] - report.assignment[a * report.K + k]);
  }, [report, items, k, name]);
  const shown = all ? list : list.slice(0, 40);
  return (
    <div className="cx-cell-items" data-testid="cell-items" aria-live="polite">
      <h4>
        {conceptName(k)} × {name}: {count(list.length)} item{list.length === 1 ? '' : 's'}
      </h4>
      <p className="cx-muted">
        Highest c<sub>ik</sub> first. Choose a title to show it on the map.
      </p>
      <ol className="cx-list cx-scroll">
        {shown.map((i) => (
          <li key={i}>
            <span className="cx-li">
              <button type="button" className="cx-link" onClick={() => void selectItem(i, true)}>
                {items.titles[i] || `item ${items.ids[i]}`}
              </button>
              <span className="cx-muted">{report.assignment[i * report.K + k].toFixed(3)}</span>
            </span>
          </li>
        ))}
      </ol>
      {list.length > shown.length && (
        <button type="button" className="cx-small" onClick={() => setAll(true)}>
          Show all {count(list.length)}
        </button>
      )}
    </div>
  );
}

export function ConceptCategory({ report, items, prefix }: { report: ConceptsReport; items: ItemTable; prefix: string }) {
  const ref = useRef<SVGSVGElement>(null);
  const cell = useConcepts((s) => s.cell);
  const scale = useConcepts((s) => s.cellScale);
  const cat = report.categories;
  if (!cat) {
    return (
      <section className="cx-card" aria-labelledby="cx-cat-h">
        <h3 id="cx-cat-h">Concepts × categories</h3>
        <p className="cx-muted">
          The dataset has no item categories (no metadata file with genres), so concepts cannot be compared with them.
        </p>
      </section>
    );
  }
  const { K, M } = report;
  const C = cat.names.length;
  const colSums = new Float64Array(C);
  for (let k = 0; k < K; k++) for (let c = 0; c < C; c++) colSums[c] += cat.counts[k * C + c];
  const value = (k: number, c: number) => {
    const n = cat.counts[k * C + c];
    if (scale === 'count') return n;
    if (scale === 'row') return report.sizes[k] ? n / report.sizes[k] : 0;
    return colSums[c] ? n / colSums[c] : 0;
  };
  let vmax = 0;
  for (let k = 0; k < K; k++) for (let c = 0; c < C; c++) vmax = Math.max(vmax, value(k, c));
  const rows = Array.from(cat.rowOrder, (k) => ({ label: `${conceptName(k)} ${report.labels[k].short}`, color: conceptColor(k) }));
  const cols = Array.from(cat.colOrder, (c) => ({ label: cat.names[c] }));
  const cellPx = C <= 24 ? 30 : C <= 40 ? 22 : 16;
  const selected = cell ? { r: cat.rowOrder.indexOf(cell.k), c: cat.colOrder.indexOf(cell.c) } : null;
  return (
    <section className="cx-card cx-cat-card" aria-labelledby="cx-cat-h" data-testid="concepts-by-category">
      <div className="cx-card-head">
        <h3 id="cx-cat-h">Concepts × categories</h3>
        <Metrics cat={cat} M={M} />
      </div>
      <div className="cx-cat-body">
        <ChartCard
          title="Contingency of concepts and genres"
          file={`${prefix}-concepts-by-category.svg`}
          svgRef={ref}
          testId="category-heatmap"
          caption={
            <>
              Colour: {SCALE_TEXT[scale]}; numbers: item counts. <strong>An item is counted under every genre it lists</strong> (
              {count(cat.multiCategoryItems)} of {count(M)} items list several), so a row can add up to more than the concept’s size. NMI
              and ARI use one genre per item, its <strong>rarest</strong> (the least frequent in the catalogue; MovieLens lists genres
              alphabetically, so the first listed would mostly be Action, Adventure, Comedy or Drama); items without one are left out. Rows
              and columns are ordered by the best one-to-one matching of concepts to genres on these counts (Hungarian algorithm); matched
              cells are outlined with dashes. Choose a cell to list its items.
            </>
          }
        >
          <div className="cx-inline-controls">
            <label>
              Colour by{' '}
              <select value={scale} onChange={(e) => setConcepts({ cellScale: e.target.value as CellScale })}>
                <option value="column">share of the genre’s items (column %)</option>
                <option value="row">share of the concept’s items (row %)</option>
                <option value="count">count</option>
              </select>
            </label>
          </div>
          <div className="cx-scroll-x">
            <Heatmap
              ref={ref}
              title="Items per concept and genre"
              rows={rows}
              cols={cols}
              cell={cellPx}
              rowLabelWidth={176}
              colLabelHeight={96}
              rowTestId="category-heatmap-row"
              fill={(r, c) => interpolateBlues(vmax > 0 ? 0.04 + 0.9 * (value(cat.rowOrder[r], cat.colOrder[c]) / vmax) : 0)}
              text={(r, c) => {
                const n = cat.counts[cat.rowOrder[r] * C + cat.colOrder[c]];
                return n ? String(n) : '';
              }}
              describe={(r, c) => {
                const k = cat.rowOrder[r];
                const j = cat.colOrder[c];
                const n = cat.counts[k * C + j];
                return `${conceptName(k)} × ${cat.names[j]}: ${count(n)} items, ${percent(report.sizes[k] ? n / report.sizes[k] : 0)} of the concept, ${percent(colSums[j] ? n / colSums[j] : 0)} of the genre`;
              }}
              outlined={(r, c) => cat.matchedCategory[cat.rowOrder[r]] === cat.colOrder[c]}
              selected={selected}
              onActivate={(r, c) => setConcepts({ cell: { k: cat.rowOrder[r], c: cat.colOrder[c] } })}
            />
          </div>
        </ChartCard>
        {cell ? (
          <CellItems key={`${cell.k}:${cell.c}`} report={report} items={items} k={cell.k} c={cell.c} />
        ) : (
          <p className="cx-muted cx-cell-items">
            Choose a cell (click, or Tab to the grid and use the arrow keys and Enter) to list its items.
          </p>
        )}
      </div>
    </section>
  );
}
