import { memo } from 'react';
import type { ConceptLabel } from '../../protocol/engine';
import { conceptColor } from '../../ui/concept-colors';
import { conceptText, inkOn } from '../../ui/concept-tag';

interface Props {
  item: number;
  rank: number;
  /** rank change since the list with no offsets (positive = up), null = entered */
  change: number | null;
  title: string;
  genres: string;
  /** the item's concept (argmax_k c_ik), or null when the model has none */
  concept: number | null;
  conceptLabel: ConceptLabel | undefined;
  conceptProb: number;
  /** this row's "Why this item" is open */
  open: boolean;
  onWhy: (item: number) => void;
}

/** One recommendation; its title is a button that opens "Why this item". Props are primitives or stable, so memo skips unmoved rows. */
export const RecRow = memo(function RecRow({ item, rank, change, title, genres, concept, conceptLabel, conceptProb, open, onWhy }: Props) {
  const bg = concept !== null ? conceptColor(concept) : '';
  return (
    <li className={`rec-row${change === null ? ' entered' : ''}${open ? ' open' : ''}`}>
      <span className="rec-rank" aria-hidden="true">
        {rank + 1}
      </span>
      <Move change={change} />
      <button type="button" className="rec-main" aria-expanded={open} aria-controls="why-item" onClick={() => onWhy(item)}>
        <span className="rec-title" title={title}>
          {title}
        </span>
        {genres ? <span className="rec-genres">{genres}</span> : null}
      </button>
      {concept !== null ? (
        <span
          className="concept-tag"
          style={{ background: bg, color: inkOn(bg) }}
          title={`${conceptText(concept, conceptLabel)} (argmax, c_ik = ${conceptProb.toFixed(2)})${conceptLabel ? `\n${conceptLabel.detail}` : ''}`}
        >
          C{concept + 1}
        </span>
      ) : null}
    </li>
  );
});

function Move({ change }: { change: number | null }) {
  if (change === null) return <span className="rec-move new">new</span>;
  if (change > 0) {
    return (
      <span className="rec-move up" title={`up ${change} since no offsets`}>
        <span aria-hidden="true">▲</span>
        <span className="sr-only">up </span>
        {change}
      </span>
    );
  }
  if (change < 0) {
    return (
      <span className="rec-move down" title={`down ${-change} since no offsets`}>
        <span aria-hidden="true">▼</span>
        <span className="sr-only">down </span>
        {-change}
      </span>
    );
  }
  return <span className="rec-move" />;
}
