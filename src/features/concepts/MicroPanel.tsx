import { interpolateRdBu, rgb } from 'd3';
import { useMemo, useRef, useState } from 'react';
import type { ConceptsReport, MicroReport, MicroSource } from '../../protocol/concepts';
import { ChartCard } from './ChartCard';
import { loadMicro } from './concepts-actions';
import { useConcepts } from './concepts-store';
import { conceptName, count, fixed } from './format';

const SIZE = 320;

/** The D × D matrix as a data URL (one pixel per cell), to sit in the SVG as an <image>. */
function matrixImage(corr: Float64Array, D: number): string {
  const canvas = document.createElement('canvas');
  canvas.width = D;
  canvas.height = D;
  const ctx = canvas.getContext('2d');
  if (!ctx) return '';
  const img = ctx.createImageData(D, D);
  for (let p = 0; p < D * D; p++) {
    const c = rgb(interpolateRdBu(0.5 - corr[p] / 2));
    img.data[4 * p] = c.r;
    img.data[4 * p + 1] = c.g;
    img.data[4 * p + 2] = c.b;
    img.data[4 * p + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
  return canvas.toDataURL('image/png');
}

function meanAbsOffDiagonal(corr: Float64Array, D: number): number {
  let s = 0;
  for (let a = 0; a < D; a++) for (let b = a + 1; b < D; b++) s += Math.abs(corr[a * D + b]);
  return D > 1 ? s / ((D * (D - 1)) / 2) : NaN;
}

function sourceValue(s: MicroSource): string {
  return s.kind === 'users' ? `u${s.k}` : 'items';
}

function CorrelationChart({ micro, prefix, what }: { micro: MicroReport; prefix: string; what: string }) {
  const ref = useRef<SVGSVGElement>(null);
  const [hover, setHover] = useState<{ a: number; b: number } | null>(null);
  const { D, corr } = micro;
  const href = useMemo(() => matrixImage(corr, D), [corr, D]);
  const left = 34;
  const top = 8;
  const legendY = top + SIZE + 26;
  const stops = [-1, -0.5, 0, 0.5, 1];
  const ticks = [0, Math.floor(D / 2), D - 1];
  return (
    <ChartCard
      title={`Correlation of the ${D} dimensions`}
      file={`${prefix}-correlation-${sourceValue(micro.source)}.svg`}
      svgRef={ref}
      testId="micro-heatmap"
      caption={
        <>
          Pearson correlation between dimensions a and b of {what}, across {count(micro.n)}{' '}
          {micro.source.kind === 'users' ? 'users' : 'items'}. Red: positive, blue: negative. A disentangled representation has a pale
          matrix with a red diagonal.
        </>
      }
    >
      <svg
        ref={ref}
        width={left + SIZE + 10}
        height={legendY + 30}
        role="img"
        aria-label={`Correlation matrix of ${D} dimensions; uncorrelatedness ${fixed(micro.uncorrelatedness)}`}
        fontFamily="system-ui, sans-serif"
      >
        <image
          href={href}
          x={left}
          y={top}
          width={SIZE}
          height={SIZE}
          preserveAspectRatio="none"
          style={{ imageRendering: 'pixelated' }}
          onMouseMove={(e) => {
            const r = (e.target as SVGImageElement).getBoundingClientRect();
            const b = Math.min(D - 1, Math.floor(((e.clientX - r.left) / r.width) * D));
            const a = Math.min(D - 1, Math.floor(((e.clientY - r.top) / r.height) * D));
            setHover({ a, b });
          }}
          onMouseLeave={() => setHover(null)}
        />
        <rect x={left} y={top} width={SIZE} height={SIZE} fill="none" stroke="#c9c9cf" />
        {ticks.map((t) => (
          <g key={t}>
            <text x={left + ((t + 0.5) / D) * SIZE} y={top + SIZE + 12} textAnchor="middle" fontSize={10} fill="#6b6b70">
              {t + 1}
            </text>
            <text x={left - 4} y={top + ((t + 0.5) / D) * SIZE + 3} textAnchor="end" fontSize={10} fill="#6b6b70">
              {t + 1}
            </text>
          </g>
        ))}
        <defs>
          <linearGradient id="cx-rdbu">
            {stops.map((v) => (
              <stop key={v} offset={`${((v + 1) / 2) * 100}%`} stopColor={interpolateRdBu(0.5 - v / 2)} />
            ))}
          </linearGradient>
        </defs>
        <rect x={left} y={legendY} width={SIZE} height={8} fill="url(#cx-rdbu)" />
        {stops.map((v) => (
          <text key={v} x={left + ((v + 1) / 2) * SIZE} y={legendY + 20} textAnchor="middle" fontSize={10} fill="#6b6b70">
            {v}
          </text>
        ))}
      </svg>
      <p className="cx-muted cx-hover-line" aria-live="off">
        {hover
          ? `dimension ${hover.a + 1} × dimension ${hover.b + 1}: r = ${corr[hover.a * D + hover.b].toFixed(3)}`
          : 'Hover the matrix to read a cell.'}
      </p>
    </ChartCard>
  );
}

export function MicroPanel({ report, prefix }: { report: ConceptsReport; prefix: string }) {
  const source = useConcepts((s) => s.microSource);
  const micro = useConcepts((s) => s.micro);
  const error = useConcepts((s) => s.microError);
  const what =
    source.kind === 'users' ? `μ${'\u200a'}${conceptName(source.k)} (component ${source.k + 1} of each user)` : 'the item vectors h_i';
  const current = micro && sourceValue(micro.source) === sourceValue(source) ? micro : null;
  return (
    <section className="cx-card cx-micro" aria-labelledby="cx-micro-h" data-testid="micro-panel">
      <h3 id="cx-micro-h">Micro disentanglement</h3>
      <div className="cx-inline-controls">
        <label>
          Representation{' '}
          <select
            value={sourceValue(source)}
            onChange={(e) =>
              void loadMicro(e.target.value === 'items' ? { kind: 'items' } : { kind: 'users', k: Number(e.target.value.slice(1)) })
            }
          >
            {report.labels.map((l, k) => (
              <option key={k} value={`u${k}`}>
                users’ μ of {conceptName(k)} {l.short}
              </option>
            ))}
            <option value="items">item vectors h_i</option>
          </select>
        </label>
      </div>
      {error && <p className="cx-warn">{error}</p>}
      {current ? (
        <>
          <dl className="cx-metrics">
            <div title="1 − mean over dimension pairs a < b of |Pearson r| (SPEC §5.2). The released code has no such metric: this formula is an assumption, recalled from the poster.">
              <dt>
                Uncorrelatedness<sup aria-hidden="true">*</sup>
              </dt>
              <dd data-testid="micro-uncorrelatedness">{fixed(current.uncorrelatedness)}</dd>
            </div>
            <div>
              <dt>mean |r|</dt>
              <dd>{fixed(meanAbsOffDiagonal(current.corr, current.D))}</dd>
            </div>
            <div>
              <dt>{current.source.kind === 'users' ? 'users' : 'items'}</dt>
              <dd>{count(current.n)}</dd>
            </div>
          </dl>
          <p className="cx-muted cx-note">
            * Uncorrelatedness = 1 − (2 / (D(D−1))) Σ<sub>a&lt;b</sub> |corr(a, b)|. <strong>An assumption</strong> (SPEC §5.2): the poster
            plots “uncorrelatedness” but the released code does not define it.
          </p>
          <CorrelationChart micro={current} prefix={prefix} what={what} />
        </>
      ) : (
        !error && <p className="cx-muted">computing…</p>
      )}
    </section>
  );
}
