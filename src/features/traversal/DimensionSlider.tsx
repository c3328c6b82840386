import { memo, useMemo, type ChangeEvent } from 'react';
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
  sensitivity: number;
  /** the largest sensitivity of the component, for the bar's scale */
  maxSensitivity: number;
}

/**
 * One latent coordinate. It subscribes to its own offset and to whether it is the strip's
 * dimension, nothing else: a drag re-renders this row and the list, not the other d − 1 rows.
 */
export const DimensionSlider = memo(function DimensionSlider({ k, j, mu, lo, hi, sensitivity, maxSensitivity }: Props) {
  const offset = useStore((s) => s.offsets[`${k}:${j}`] ?? 0);
  const selected = useStore((s) => s.stripDim === j);
  const scale = useMemo(() => sliderScale(mu, lo, hi), [mu, lo, hi]);
  const value = mu + offset;
  const moved = offset !== 0;

  const onChange = (e: ChangeEvent<HTMLInputElement>) => setOffset(k, j, offsetAt(scale, mu, Number(e.currentTarget.value)));
  const onFocus = () => {
    if (useStore.getState().stripDim !== j) void selectStripDim(j);
  };

  return (
    <li className={`dim-row${selected ? ' selected' : ''}${moved ? ' moved' : ''}`}>
      <button
        type="button"
        className="dim-label"
        aria-pressed={selected}
        title={`Show the traversal strip of dimension ${j + 1}`}
        onClick={() => void selectStripDim(j)}
      >
        {j + 1}
      </button>
      <span className="dim-sens" title="How much moving this dimension changes the top-N: 1 − mean Jaccard overlap across its range">
        <span className="dim-sens-bar" style={{ width: `${maxSensitivity > 0 ? (100 * sensitivity) / maxSensitivity : 0}%` }} />
        <span className="dim-sens-num">{sensitivity.toFixed(2)}</span>
      </span>
      <span className="dim-track">
        <input
          type="range"
          aria-label={`component ${k + 1} dimension ${j + 1}`}
          aria-valuetext={`${formatValue(value)}${moved ? `, offset ${formatOffset(offset)}` : ''}`}
          min={scale.min}
          max={scale.max}
          step={scale.step}
          value={value}
          onChange={onChange}
          onFocus={onFocus}
        />
        {moved ? (
          <span
            className="dim-mu"
            style={{ left: `calc(8px + (100% - 16px) * ${(mu - scale.min) / (scale.max - scale.min)})` }}
            title={`this user's value ${formatValue(mu)}`}
          />
        ) : null}
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
        onClick={() => setOffset(k, j, 0)}
      >
        ↺
      </button>
    </li>
  );
});
