import { memo } from 'react';
import { conceptColor } from '../../ui/concept-colors';

interface Props {
  rank: number;
  /** rank change since the list with no offsets (positive = up), null = entered */
  change: number | null;
  title: string;
  genres: string;
  /** the item's concept (argmax_k c_ik), or null when the model has none */
  concept: number | null;
  conceptLabel: string;
  conceptProb: number;
}

/** One recommendation. Props are primitives, so memo skips rows whose rank and mark did not move. */
export const RecRow = memo(function RecRow({ rank, change, title, genres, concept, conceptLabel, conceptProb }: Props) {
  return (
    <li className={`rec-row${change === null ? ' entered' : ''}`}>
      <span className="rec-rank" aria-hidden="true">
        {rank + 1}
      </span>
      <Move change={change} />
      <span className="rec-main">
        <span className="rec-title" title={title}>
          {title}
        </span>
        {genres ? <span className="rec-genres">{genres}</span> : null}
      </span>
      {concept !== null ? (
        <span
          className="concept-tag"
          style={{ background: conceptColor(concept) }}
          title={`concept ${concept + 1}: ${conceptLabel} (p = ${conceptProb.toFixed(2)})`}
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
