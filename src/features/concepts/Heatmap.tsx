import { forwardRef, useRef, useState, type KeyboardEvent } from 'react';
import { inkFor } from './format';

export interface Axis {
  label: string;
  /** a swatch drawn before the label (concept colours) */
  color?: string;
}

interface Props {
  rows: Axis[];
  cols: Axis[];
  fill: (r: number, c: number) => string;
  text?: (r: number, c: number) => string;
  /** tooltip and accessible name of a cell */
  describe: (r: number, c: number) => string;
  outlined?: (r: number, c: number) => boolean;
  selected?: { r: number; c: number } | null;
  /** makes cells buttons (one tab stop; arrows move, Enter or Space activates) */
  onActivate?: (r: number, c: number) => void;
  cell?: number;
  rowLabelWidth?: number;
  colLabelHeight?: number;
  title: string;
  rowTestId?: string;
}

/** Shortens a label to about `px` pixels of 12 px text (SVG text cannot ellipsize itself). */
function fit(label: string, px: number): string {
  const max = Math.max(3, Math.floor(px / 6.8));
  return label.length <= max ? label : `${label.slice(0, max - 1).trimEnd()}…`;
}

/**
 * A labelled SVG heatmap drawn with presentation attributes only, so a serialised copy (SVG
 * export) looks the same as the page.
 */
export const Heatmap = forwardRef<SVGSVGElement, Props>(function Heatmap(
  {
    rows,
    cols,
    fill,
    text,
    describe,
    outlined,
    selected,
    onActivate,
    cell = 34,
    rowLabelWidth = 120,
    colLabelHeight = 70,
    title,
    rowTestId,
  },
  ref,
) {
  const [active, setActive] = useState({ r: 0, c: 0 });
  const cellRefs = useRef(new Map<string, SVGRectElement>());
  // Column labels are rotated up and to the right: leave room for the last one.
  const width = rowLabelWidth + cols.length * cell + Math.round(colLabelHeight * 0.6);
  const height = colLabelHeight + rows.length * cell + 4;
  const move = (e: KeyboardEvent, r: number, c: number) => {
    let nr = r;
    let nc = c;
    if (e.key === 'ArrowRight') nc = Math.min(cols.length - 1, c + 1);
    else if (e.key === 'ArrowLeft') nc = Math.max(0, c - 1);
    else if (e.key === 'ArrowDown') nr = Math.min(rows.length - 1, r + 1);
    else if (e.key === 'ArrowUp') nr = Math.max(0, r - 1);
    else if (e.key === 'Home') nc = 0;
    else if (e.key === 'End') nc = cols.length - 1;
    else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onActivate?.(r, c);
      return;
    } else return;
    e.preventDefault();
    setActive({ r: nr, c: nc });
    cellRefs.current.get(`${nr}:${nc}`)?.focus();
  };
  const fontSize = cell >= 30 ? 11 : 9;
  return (
    <svg ref={ref} width={width} height={height} role="group" aria-label={title} className="cx-heatmap" fontFamily="system-ui, sans-serif">
      <title>{title}</title>
      {cols.map((col, c) => (
        <text
          key={`c${c}`}
          transform={`translate(${rowLabelWidth + c * cell + cell / 2 + 3},${colLabelHeight - 6}) rotate(-50)`}
          fontSize={11}
          fill="#1d1d1f"
        >
          {col.label}
        </text>
      ))}
      {rows.map((row, r) => (
        <g key={`r${r}`} data-testid={rowTestId} transform={`translate(0,${colLabelHeight + r * cell})`}>
          {row.color && <rect x={2} y={cell / 2 - 6} width={12} height={12} rx={2} fill={row.color} />}
          <text x={row.color ? 18 : 2} y={cell / 2 + 4} fontSize={12} fill="#1d1d1f">
            <title>{row.label}</title>
            {fit(row.label, rowLabelWidth - (row.color ? 24 : 8))}
          </text>
          {cols.map((_, c) => {
            const f = fill(r, c);
            const isSel = selected?.r === r && selected?.c === c;
            const label = describe(r, c);
            const t = text?.(r, c);
            return (
              <g key={c} transform={`translate(${rowLabelWidth + c * cell},0)`}>
                <rect
                  ref={(el) => {
                    if (el) cellRefs.current.set(`${r}:${c}`, el);
                    else cellRefs.current.delete(`${r}:${c}`);
                  }}
                  x={1}
                  y={1}
                  width={cell - 2}
                  height={cell - 2}
                  fill={f}
                  stroke={isSel ? '#1d1d1f' : outlined?.(r, c) ? '#1d1d1f' : 'none'}
                  strokeWidth={isSel ? 2.5 : 1.2}
                  strokeDasharray={!isSel && outlined?.(r, c) ? '3 2' : undefined}
                  className={onActivate ? 'cx-cell' : undefined}
                  role={onActivate ? 'button' : 'img'}
                  aria-label={label}
                  aria-pressed={onActivate ? isSel : undefined}
                  tabIndex={onActivate ? (active.r === r && active.c === c ? 0 : -1) : undefined}
                  onClick={onActivate ? () => (setActive({ r, c }), onActivate(r, c)) : undefined}
                  onKeyDown={onActivate ? (e) => move(e, r, c) : undefined}
                >
                  <title>{label}</title>
                </rect>
                {t && (
                  <text
                    x={cell / 2}
                    y={cell / 2 + fontSize / 2 - 1}
                    textAnchor="middle"
                    fontSize={fontSize}
                    fill={inkFor(f)}
                    pointerEvents="none"
                    aria-hidden="true"
                  >
                    {t}
                  </text>
                )}
              </g>
            );
          })}
        </g>
      ))}
    </svg>
  );
});
