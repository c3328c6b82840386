import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ItemTable, ConceptLabel } from '../../protocol/engine';
import { ConceptTag } from '../../ui/concept-tag';
import { orderHistory, type HistoryOrder } from './history-order';
import { useHistoryData } from './hooks';

const ROW = 46;

/** The selected user's clicked items (title, genres, assigned concept), virtualised: histories run to thousands of items. */
export function HistoryList() {
  const { view, items } = useHistoryData();
  const [order, setOrder] = useState<HistoryOrder>('concept');
  const rows = useMemo(() => (view && items ? orderHistory(view.history, items, order) : new Int32Array(0)), [view, items, order]);
  const listRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW,
    overscan: 6,
  });
  // a new user or order starts at the top, not where the last list was scrolled to
  useEffect(() => {
    if (listRef.current) listRef.current.scrollTop = 0;
  }, [view, order]);

  if (!view || !items) return null;
  // Baselines (Mult-VAE, Mult-DAE) have no concepts: every item would read "C1 all".
  const hasConcepts = view.shares.length > 1;
  return (
    <div className="history">
      <div className="history-head">
        <h3 id="history-title">History</h3>
        <span className="history-summary" data-testid="history-summary">
          user <strong>{view.id}</strong> · {view.history.length} {view.history.length === 1 ? 'item' : 'items'} · {view.role}
        </span>
        {hasConcepts && (
          <select
            className="history-order"
            aria-label="Order history"
            value={order}
            onChange={(e) => setOrder(e.target.value as HistoryOrder)}
          >
            <option value="concept">by concept</option>
            <option value="title">by title</option>
          </select>
        )}
      </div>
      <div ref={listRef} className="history-list" role="list" aria-label="History" tabIndex={0}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => (
            <HistoryRow
              key={rows[v.index]}
              items={items}
              item={rows[v.index]}
              pos={v.index}
              count={rows.length}
              start={v.start}
              label={hasConcepts ? (view.conceptLabels[items.concept[rows[v.index]]] ?? null) : null}
            />
          ))}
        </div>
      </div>
    </div>
  );
}

interface RowProps {
  items: ItemTable;
  item: number;
  pos: number;
  count: number;
  start: number;
  /** the concept's label, null when the model has no concepts */
  label: ConceptLabel | null;
}

function HistoryRow({ items, item, pos, count, start, label }: RowProps) {
  const title = items.titles[item] || `item ${items.ids[item]}`;
  const genres = items.categories[item]?.join(', ') ?? '';
  const k = items.concept[item];
  return (
    <div
      role="listitem"
      aria-posinset={pos + 1}
      aria-setsize={count}
      className="history-row"
      style={{ height: ROW, transform: `translateY(${start}px)` }}
    >
      <span className="history-item-title" title={title}>
        {title}
      </span>
      <span className="history-meta">
        {label !== null && (
          <ConceptTag
            k={k}
            label={label}
            title={`assigned to concept ${k + 1} (argmax) with c_ik = ${items.conceptProb[item].toFixed(2)}`}
          />
        )}
        <span className="history-genres" title={genres}>
          {genres}
        </span>
      </span>
    </div>
  );
}
