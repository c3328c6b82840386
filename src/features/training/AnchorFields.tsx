import { useId } from 'react';
import type { TrainSettings } from '../../protocol/engine';

export interface AnchorDraft {
  on: boolean;
  categories: string;
  fraction: string;
  weight: string;
  target: 'even' | 'rarest';
}

export const ANCHOR_DRAFT: AnchorDraft = { on: false, categories: 'auto', fraction: '1', weight: '17', target: 'rarest' };

/** The anchor settings of a draft, or the first problem with them; null settings = not anchored. */
export function parseAnchor(
  d: AnchorDraft,
  K: number,
  known: readonly string[],
): { anchor: TrainSettings['anchor']; error: string | null } {
  if (!d.on) return { anchor: null, error: null };
  const fraction = Number(d.fraction);
  if (d.fraction.trim() === '' || !(fraction >= 0 && fraction <= 1))
    return { anchor: null, error: 'the label budget must be between 0 and 1' };
  const weight = Number(d.weight);
  if (d.weight.trim() === '' || !(weight >= 0 && Number.isFinite(weight))) return { anchor: null, error: 'λ must be a number ≥ 0' };
  const raw = d.categories.trim();
  let categories: 'auto' | string[] = 'auto';
  if (raw !== '' && raw !== 'auto') {
    categories = raw.split(',').map((c) => c.trim());
    const unknown = categories.find((c) => !known.includes(c));
    if (unknown !== undefined) return { anchor: null, error: `“${unknown}” is not a category of this dataset` };
    if (new Set(categories).size !== categories.length) return { anchor: null, error: 'a category is listed twice' };
    if (categories.length > K) return { anchor: null, error: `${categories.length} categories for K = ${K} prototypes` };
  }
  return { anchor: { categories, fraction, weight, target: d.target }, error: null };
}

/**
 * Semi-supervised MacridVAE: a term λ · CE(softmax(cos(h_i, p_k)/τ), item i's category) ties
 * prototype k to the k-th category for a share of the items. Off, the model is the official one.
 */
export function AnchorFields({
  draft,
  onChange,
  error,
  categories,
  disabled,
}: {
  draft: AnchorDraft;
  onChange: (d: AnchorDraft) => void;
  error: string | null;
  categories: readonly string[];
  disabled: boolean;
}) {
  const id = useId();
  const set = (patch: Partial<AnchorDraft>) => onChange({ ...draft, ...patch });
  return (
    <fieldset className="train-anchor" disabled={disabled} data-testid="train-anchor">
      <legend>
        <label>
          <input type="checkbox" checked={draft.on} onChange={(e) => set({ on: e.currentTarget.checked })} /> Anchor concepts to categories
        </label>
      </legend>
      {draft.on ? (
        <div className="train-anchor-fields">
          <label htmlFor={`${id}-c`}>categories</label>
          <input
            id={`${id}-c`}
            value={draft.categories}
            list={`${id}-names`}
            onChange={(e) => set({ categories: e.currentTarget.value })}
            title={`auto: the K most frequent; or a comma list of: ${categories.join(', ')}`}
          />
          <datalist id={`${id}-names`}>
            {categories.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
          <label htmlFor={`${id}-f`}>label budget (0–1)</label>
          <input id={`${id}-f`} inputMode="decimal" value={draft.fraction} onChange={(e) => set({ fraction: e.currentTarget.value })} />
          <label htmlFor={`${id}-w`}>λ (weight)</label>
          <input id={`${id}-w`} inputMode="decimal" value={draft.weight} onChange={(e) => set({ weight: e.currentTarget.value })} />
          <label htmlFor={`${id}-t`}>several categories</label>
          <select id={`${id}-t`} value={draft.target} onChange={(e) => set({ target: e.currentTarget.value as AnchorDraft['target'] })}>
            <option value="rarest">the item’s rarest one</option>
            <option value="even">spread evenly</option>
          </select>
          {error ? (
            <p className="train-anchor-error" role="alert">
              {error}
            </p>
          ) : (
            <p className="muted train-anchor-hint">
              Prototype k is tied to the k-th category for a share of the items (drawn with the seed); the Concepts section then reports
              alignment on labelled and unlabelled items separately.
            </p>
          )}
        </div>
      ) : null}
    </fieldset>
  );
}
