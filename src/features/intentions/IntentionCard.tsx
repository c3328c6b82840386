import { memo, useMemo, type CSSProperties } from 'react';
import { conceptColor } from '../../ui/concept-colors';
import type { ConceptLabel, ItemTable } from '../../protocol/engine';
import { ConceptTag } from '../../ui/concept-tag';
import { percent } from './format';

const CLICKED_SHOWN = 3;
const TOP_SHOWN = 5;

interface Props {
  k: number;
  share: number;
  label: ConceptLabel | undefined;
  /** the user's clicked items assigned to this concept */
  clicked: Int32Array;
  /** what this component alone recommends, best first */
  top: Int32Array;
  items: ItemTable;
  selected: boolean;
  /** absent for models without concepts: the card is then not a control */
  onSelect?: (k: number) => void;
}

const titleOf = (items: ItemTable, i: number) => items.titles[i] || `item ${items.ids[i]}`;

/**
 * One intention. Its header button stretches over the whole card (::after), so a click anywhere on
 * the card selects the component while the lists inside stay lists for screen readers (a card with
 * role=button would flatten them into one long name).
 */
export const IntentionCard = memo(function IntentionCard({ k, share, label, clicked, top, items, selected, onSelect }: Props) {
  const examples = useMemo(
    () =>
      Array.from(clicked)
        .sort((a, b) => items.conceptProb[b] - items.conceptProb[a])
        .slice(0, CLICKED_SHOWN),
    [clicked, items],
  );
  const shareId = `intention-share-${k}`;
  const color = conceptColor(k);
  const more = clicked.length - examples.length;
  return (
    <li
      className={selected ? 'intent-card selected' : 'intent-card'}
      style={{ '--concept': color } as CSSProperties}
      data-testid="intention-card"
    >
      <h3 className="intent-head">
        {onSelect ? (
          <button type="button" className="intent-select" aria-pressed={selected} aria-describedby={shareId} onClick={() => onSelect(k)}>
            <ConceptTag k={k} label={label} />
          </button>
        ) : (
          <span className="intent-all">all clicks</span>
        )}
        {selected && onSelect && (
          <span className="intent-badge" aria-hidden="true">
            in traversal
          </span>
        )}
      </h3>
      <div className="intent-share" id={shareId}>
        <span className="intent-bar" aria-hidden="true">
          <span style={{ width: `${Math.min(100, share * 100)}%`, background: color }} />
        </span>
        <span className="intent-pct">{percent(share)}</span>
        <span
          className="intent-soft"
          title="Σ_i c_ik over the user's clicked items, normalised: soft, every click counts towards every concept"
        >
          of the history, soft (Σc)
        </span>
      </div>
      <div className="intent-section">
        <h4>
          Clicked under it <span className="intent-n">{clicked.length}</span>{' '}
          <span className="intent-soft" title="clicked items whose most likely concept (argmax_k c_ik) is this one">
            (argmax)
          </span>
        </h4>
        {clicked.length ? (
          <ul className="intent-titles">
            {examples.map((i) => (
              <li key={i}>{titleOf(items, i)}</li>
            ))}
            {more > 0 && <li className="intent-more">+{more} more</li>}
          </ul>
        ) : (
          <p className="intent-none">none</p>
        )}
      </div>
      <div className="intent-section">
        <h4>Alone it recommends</h4>
        <ol className="intent-titles">
          {Array.from(top.subarray(0, TOP_SHOWN), (i) => (
            <li key={i}>{titleOf(items, i)}</li>
          ))}
        </ol>
      </div>
    </li>
  );
});
