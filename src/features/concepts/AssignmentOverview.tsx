import { interpolateRdBu, max, scaleLinear } from 'd3';
import { useRef } from 'react';
import type { ConceptsReport } from '../../protocol/concepts';
import { ChartCard } from './ChartCard';
import { conceptColor, conceptName, count, fixed, percent } from './format';
import { Heatmap } from './Heatmap';

const W = 340;
const H = 190;
const PAD = { l: 44, r: 8, t: 10, b: 30 };

function SizesChart({ report, prefix }: { report: ConceptsReport; prefix: string }) {
  const ref = useRef<SVGSVGElement>(null);
  const { K, M, sizes, softSizes, flags } = report;
  const width = Math.max(W, PAD.l + PAD.r + K * 40);
  const x = (k: number) => PAD.l + ((width - PAD.l - PAD.r) / K) * k;
  const bw = (width - PAD.l - PAD.r) / K;
  const y = scaleLinear()
    .domain([0, Math.max(1, max(sizes) ?? 1, max(softSizes) ?? 1)])
    .nice()
    .range([H - PAD.b, PAD.t]);
  const small = new Set(flags.small);
  return (
    <ChartCard
      title="Concept sizes"
      file={`${prefix}-concept-sizes.svg`}
      svgRef={ref}
      testId="concept-sizes"
      caption={
        <>
          Solid: items whose largest c<sub>ik</sub> is concept k (argmax). Outline: Σ<sub>i</sub> c<sub>ik</sub>, the soft size. Red mark:
          under 1 % of the items.
        </>
      }
    >
      <svg
        ref={ref}
        width={width}
        height={H}
        role="img"
        aria-label={`Items per concept: ${Array.from(sizes, (s, k) => `${conceptName(k)} ${s}`).join(', ')}`}
        fontFamily="system-ui, sans-serif"
      >
        {y.ticks(4).map((t) => (
          <g key={t} transform={`translate(0,${y(t)})`}>
            <line x1={PAD.l} x2={width - PAD.r} stroke="#ececea" />
            <text x={PAD.l - 4} y={4} textAnchor="end" fontSize={10} fill="#6b6b70">
              {count(t)}
            </text>
          </g>
        ))}
        {Array.from(sizes, (s, k) => {
          const x0 = x(k) + bw * 0.15;
          const w = bw * 0.7;
          return (
            <g key={k}>
              <title>{`${conceptName(k)} ${report.labels[k].short}: ${count(s)} items (${percent(s / M)}), Σc = ${softSizes[k].toFixed(1)}`}</title>
              <rect x={x0} y={y(s)} width={w * 0.55} height={y(0) - y(s)} fill={conceptColor(k)} />
              <rect
                x={x0 + w * 0.55}
                y={y(softSizes[k])}
                width={w * 0.45}
                height={y(0) - y(softSizes[k])}
                fill="none"
                stroke={conceptColor(k)}
                strokeWidth={1.5}
              />
              <text x={x0 + w / 2} y={Math.min(y(s), y(softSizes[k])) - 3} textAnchor="middle" fontSize={10} fill="#1d1d1f">
                {percent(s / M)}
              </text>
              <text
                x={x0 + w / 2}
                y={H - PAD.b + 14}
                textAnchor="middle"
                fontSize={11}
                fontWeight={600}
                fill={small.has(k) ? '#c0392b' : '#1d1d1f'}
              >
                {conceptName(k)}
                {small.has(k) ? ' !' : ''}
              </text>
            </g>
          );
        })}
        <line x1={PAD.l} x2={width - PAD.r} y1={y(0)} y2={y(0)} stroke="#6b6b70" />
      </svg>
    </ChartCard>
  );
}

function ConfidenceChart({ report, prefix }: { report: ConceptsReport; prefix: string }) {
  const ref = useRef<SVGSVGElement>(null);
  const { counts, bins } = report.confidence;
  const x = scaleLinear()
    .domain([0, 1])
    .range([PAD.l, W - PAD.r]);
  const y = scaleLinear()
    .domain([0, Math.max(1, max(counts) ?? 1)])
    .nice()
    .range([H - PAD.b, PAD.t]);
  return (
    <ChartCard
      title="Assignment confidence"
      file={`${prefix}-assignment-confidence.svg`}
      svgRef={ref}
      testId="confidence-histogram"
      caption={
        <>
          Histogram of max<sub>k</sub> c<sub>ik</sub> over the items ({bins} bins). Dashed: 0.9. The lowest possible value is 1/K ={' '}
          {fixed(1 / report.K, 2)}.
        </>
      }
    >
      <svg
        ref={ref}
        width={W}
        height={H}
        role="img"
        aria-label={`Histogram of the largest assignment probability per item; ${percent(report.confidence.below90)} of items below 0.9`}
        fontFamily="system-ui, sans-serif"
      >
        {y.ticks(4).map((t) => (
          <g key={t} transform={`translate(0,${y(t)})`}>
            <line x1={PAD.l} x2={W - PAD.r} stroke="#ececea" />
            <text x={PAD.l - 4} y={4} textAnchor="end" fontSize={10} fill="#6b6b70">
              {count(t)}
            </text>
          </g>
        ))}
        {Array.from(counts, (n, b) => (
          <rect
            key={b}
            x={x(b / bins) + 0.5}
            y={y(n)}
            width={Math.max(0, x(1 / bins) - x(0) - 1)}
            height={y(0) - y(n)}
            fill={(b + 1) / bins <= 0.9 ? '#e6a23c' : '#3559e0'}
          >
            <title>{`max c in [${(b / bins).toFixed(2)}, ${((b + 1) / bins).toFixed(2)}${b === bins - 1 ? ']' : ')'}: ${count(n)} items`}</title>
          </rect>
        ))}
        <line x1={x(0.9)} x2={x(0.9)} y1={PAD.t} y2={y(0)} stroke="#1d1d1f" strokeDasharray="4 3" />
        <line x1={PAD.l} x2={W - PAD.r} y1={y(0)} y2={y(0)} stroke="#6b6b70" />
        {[0, 0.25, 0.5, 0.75, 1].map((t) => (
          <text key={t} x={x(t)} y={H - PAD.b + 14} textAnchor="middle" fontSize={10} fill="#6b6b70">
            {t}
          </text>
        ))}
        <text x={(PAD.l + W - PAD.r) / 2} y={H - 3} textAnchor="middle" fontSize={10} fill="#6b6b70">
          max_k c_ik
        </text>
      </svg>
    </ChartCard>
  );
}

function PrototypeChart({ report, prefix }: { report: ConceptsReport; prefix: string }) {
  const ref = useRef<SVGSVGElement>(null);
  const { K, prototypeCos, labels } = report;
  const axis = Array.from({ length: K }, (_, k) => ({ label: conceptName(k), color: conceptColor(k) }));
  const cell = K <= 10 ? 34 : K <= 20 ? 22 : 14;
  return (
    <ChartCard
      title="Prototype similarity"
      file={`${prefix}-prototype-cosine.svg`}
      svgRef={ref}
      testId="prototype-heatmap"
      caption={
        <>
          Cosine of the prototypes m<sub>k</sub>, red = similar. Dashed: pairs above 0.9, a sign that two concepts collapsed into one.
        </>
      }
    >
      <Heatmap
        ref={ref}
        title="Cosine similarity of the concept prototypes"
        rows={axis}
        cols={axis}
        cell={cell}
        rowLabelWidth={46}
        colLabelHeight={34}
        fill={(r, c) => interpolateRdBu(0.5 - prototypeCos[r * K + c] / 2)}
        text={cell >= 22 ? (r, c) => prototypeCos[r * K + c].toFixed(2).replace(/^(-?)0\./, '$1.') : undefined}
        describe={(r, c) =>
          `${conceptName(r)} (${labels[r].short}) · ${conceptName(c)} (${labels[c].short}): cos ${prototypeCos[r * K + c].toFixed(3)}`
        }
        outlined={(r, c) => r !== c && prototypeCos[r * K + c] > 0.9}
      />
    </ChartCard>
  );
}

/** One sentence about how one-hot the assignment is, and the collapse flags. */
function Verdict({ report }: { report: ConceptsReport }) {
  const { confidence: cf, tau, flags, M, sizes } = report;
  const oneHot = cf.below90 <= 0.05;
  return (
    <div className="cx-verdict" data-testid="confidence-verdict">
      <p className={oneHot ? 'cx-good' : 'cx-warn'}>
        {oneHot ? (
          <>
            Near one-hot{tau <= 0.2 ? `, as expected with τ = ${tau}` : ''}: {percent(1 - cf.below90)} of items have max c ≥ 0.9 (median{' '}
            {fixed(cf.median, 3)}).
          </>
        ) : (
          <>
            Not near one-hot{tau <= 0.2 ? ` although τ = ${tau}` : ` (τ = ${tau})`}:{' '}
            <strong>{percent(cf.below90)} of items have max c &lt; 0.9</strong>
            {cf.below50 > 0 ? `, ${percent(cf.below50)} below 0.5` : ''} (median max c = {fixed(cf.median, 2)}).
          </>
        )}
      </p>
      {flags.small.length === 0 && flags.similarPairs.length === 0 ? (
        <p className="cx-good">
          No sign of collapse: every concept holds at least 1 % of the items and no two prototypes have cos &gt; 0.9.
        </p>
      ) : (
        <ul className="cx-flags">
          {flags.small.map((k) => (
            <li key={`s${k}`} className="cx-warn">
              {conceptName(k)} holds only {count(sizes[k])} items ({percent(sizes[k] / M)}): nearly unused.
            </li>
          ))}
          {flags.similarPairs.map((p) => (
            <li key={`p${p.a}-${p.b}`} className="cx-warn">
              {conceptName(p.a)} and {conceptName(p.b)} have near-identical prototypes (cos {p.cos.toFixed(3)}).
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function AssignmentOverview({ report, prefix }: { report: ConceptsReport; prefix: string }) {
  return (
    <section className="cx-card cx-overview" aria-labelledby="cx-overview-h" data-testid="assignment-overview">
      <h3 id="cx-overview-h">Assignment overview</h3>
      <Verdict report={report} />
      <div className="cx-row">
        <SizesChart report={report} prefix={prefix} />
        <ConfidenceChart report={report} prefix={prefix} />
        <PrototypeChart report={report} prefix={prefix} />
      </div>
    </section>
  );
}
