import { memo, useMemo, type ChangeEvent, type KeyboardEvent } from 'react';
import { selectStripDim, setOffset } from '../../state/selection';
import { useStore } from '../../state/store';
import { formatOffset, formatValue, offsetAt, sliderScale } from './slider-scale';

interface Props {
  k: number;
  j: number;
  /** μ_kj, the user's own value */
  mu: number;
  lo: number;
  hi: number;
  /** where most users' values sit, shaded on the track when the slider reaches beyond it */
  dataLo: number;
  dataHi: number;
  full: boolean;
  /** how much it moves "Component k alone" (the bar) and the Recommendations (the number after it) */
  sensitivity: number;
  mixtureSensitivity: number;
  /** what rises and falls in the component's own list as the value goes up */
  effect: string;
  /** the largest sensitivity of the component, for the bar's scale */
  maxSensitivity: number;
}

/**
 * One latent coordinate. It subscribes to its own offset and to whether it is the strip's
 * dimension, nothing else: a drag re-renders this row and the list, not the other d − 1 rows.
 */
export const DimensionSlider = memo(function DimensionSlider({
  k,
  j,
  mu,
  lo,
  hi,
  dataLo,
  dataHi,
  full,
  sensitivity,
  mixtureSensitivity,
  maxSensitivity,
  effect,
}: Props) {
  const offset = useStore((s) => s.offsets[`${k}:${j}`] ?? 0);
  const selected = useStore((s) => s.stripDim === j);
  const scale = useMemo(() => sliderScale(mu, lo, hi), [mu, lo, hi]);
  const value = mu + offset;
  const moved = offset !== 0;

  const onChange = (e: ChangeEvent<HTMLInputElement>) => setOffset(k, j, offsetAt(scale, mu, Number(e.currentTarget.value)));
  const onFocus = () => {
    if (useStore.getState().stripDim !== j) void selectStripDim(j);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      void setOffset(k, j, 0);
    }
  };
  const at = (x: number) => `calc(8px + (100% - 16px) * ${(x - scale.min) / (scale.max - scale.min)})`;
  const effectId = `dim-effect-${k}-${j}`;

  return (
    <li className={`dim-row${selected ? ' selected' : ''}${moved ? ' moved' : ''}`}>
      <button
        type="button"
        className="dim-label"
        aria-pressed={selected}
        title={`Show the traversal strip of dimension ${j + 1}`}
        tabIndex={-1}
        onClick={() => void selectStripDim(j)}
      >
        {j + 1}
      </button>
      <span
        className="dim-sens"
        title={`How much moving this dimension changes the top-N (1 − mean Jaccard across its range): ${sensitivity.toFixed(2)} of “Component ${k + 1} alone”, ${mixtureSensitivity.toFixed(2)} of the Recommendations`}
      >
        <span className="dim-sens-bar" style={{ width: `${maxSensitivity > 0 ? (100 * sensitivity) / maxSensitivity : 0}%` }} />
        <span className="dim-sens-num">
          {sensitivity.toFixed(2)}
          <span className="dim-sens-mix"> · {mixtureSensitivity.toFixed(2)}</span>
        </span>
      </span>
      <span className="dim-track">
        {full ? (
          <span
            className="dim-data"
            style={{ left: at(dataLo), width: `calc((100% - 16px) * ${(dataHi - dataLo) / (scale.max - scale.min)})` }}
          />
        ) : null}
        <input
          type="range"
          aria-label={`component ${k + 1} dimension ${j + 1}`}
          aria-valuetext={`${formatValue(value)}${moved ? `, offset ${formatOffset(offset)}` : ''}`}
          min={scale.min}
          max={scale.max}
          step={scale.step}
          value={value}
          aria-describedby={effectId}
          onChange={onChange}
          onFocus={onFocus}
          onKeyDown={onKeyDown}
        />
        {moved ? <span className="dim-mu" style={{ left: at(mu) }} title={`this user's value ${formatValue(mu)}`} /> : null}
      </span>
      <span className="dim-value" title={`μ = ${formatValue(mu)}, offset ${formatOffset(offset)}`}>
        {formatValue(value)}
      </span>
      <button
        type="button"
        className="dim-reset"
        aria-label={`reset dimension ${j + 1}`}
        title="Back to this user's value"
        disabled={!moved}
        tabIndex={-1}
        onClick={() => setOffset(k, j, 0)}
      >
        ↺
      </button>
      <span className="dim-effect" id={effectId} title={effect}>
        {effect}
      </span>
    </li>
  );
});
