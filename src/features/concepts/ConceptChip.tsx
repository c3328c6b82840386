import { conceptColor, conceptName, inkFor } from './format';

/** A concept's colour and name, e.g. "C3 Horror · Thriller". */
export function ConceptChip({ k, label }: { k: number; label?: string }) {
  const bg = conceptColor(k);
  return (
    <span className="concept-tag" style={{ background: bg, color: inkFor(bg) }}>
      {conceptName(k)}
      {label ? ` ${label}` : ''}
    </span>
  );
}
