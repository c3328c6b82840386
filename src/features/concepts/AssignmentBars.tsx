import { conceptColor, conceptName } from './format';

/** c_i1..c_iK of one item as K small bars (the one the item is assigned to is outlined). */
export function AssignmentBars({
  assignment,
  K,
  item,
  wide = false,
}: {
  assignment: Float32Array;
  K: number;
  item: number;
  wide?: boolean;
}) {
  const values = Array.from({ length: K }, (_, k) => assignment[item * K + k]);
  let arg = 0;
  values.forEach((v, k) => v > values[arg] && (arg = k));
  if (wide) {
    return (
      <ul className="cx-abars" aria-label="Assignment probabilities">
        {values.map((v, k) => (
          <li key={k}>
            <span className="cx-abars-name">{conceptName(k)}</span>
            <span className="cx-abars-track">
              <span style={{ width: `${Math.max(0.5, v * 100)}%`, background: conceptColor(k) }} />
            </span>
            <span className="cx-abars-val">{v.toFixed(3)}</span>
          </li>
        ))}
      </ul>
    );
  }
  const bw = 14;
  const h = 34;
  return (
    <svg
      width={K * (bw + 3)}
      height={h + 13}
      role="img"
      aria-label={`Assignment: ${values.map((v, k) => `${conceptName(k)} ${v.toFixed(2)}`).join(', ')}`}
    >
      {values.map((v, k) => (
        <g key={k} transform={`translate(${k * (bw + 3)},0)`}>
          <rect x={0} y={0} width={bw} height={h} fill="#f0f0ee" />
          <rect x={0} y={h - v * h} width={bw} height={v * h} fill={conceptColor(k)} stroke={k === arg ? '#1d1d1f' : 'none'} />
          <text x={bw / 2} y={h + 11} textAnchor="middle" fontSize={9} fill="#6b6b70">
            {k + 1}
          </text>
        </g>
      ))}
    </svg>
  );
}
