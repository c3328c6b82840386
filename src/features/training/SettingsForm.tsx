import { useId } from 'react';
import type { ModelKind } from '../../protocol/engine';
import { MODEL_BLURBS, MODEL_LABELS, fieldsFor, type Draft, type FieldSpec, type NumericKey } from './settings-spec';

interface Props {
  kind: ModelKind;
  draft: Draft;
  errors: Partial<Record<NumericKey, string>>;
  disabled: boolean;
  onKind: (kind: ModelKind) => void;
  onField: (key: NumericKey, text: string) => void;
}

function Field({ spec, value, error, onChange }: { spec: FieldSpec; value: string; error?: string; onChange: (t: string) => void }) {
  const id = useId();
  return (
    <div className={`train-field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{spec.label}</label>
      <input
        id={id}
        name={spec.key}
        type="number"
        inputMode={spec.integer ? 'numeric' : 'decimal'}
        min={spec.min}
        max={spec.max}
        step={spec.integer ? 1 : 'any'}
        value={value}
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint`}
        data-testid={`train-${spec.key}`}
        onChange={(e) => onChange(e.target.value)}
      />
      <small id={`${id}-hint`} className={error ? 'field-error' : 'field-hint'}>
        {error ?? (spec.max >= 1e6 ? spec.hint : `${spec.hint} (${spec.min}–${spec.max})`)}
      </small>
    </div>
  );
}

/** The model and the hyperparameters that apply to it; the others are hidden, not reset. */
export function SettingsForm({ kind, draft, errors, disabled, onKind, onField }: Props) {
  const kindId = useId();
  const fields = fieldsFor(kind);
  const groups = [
    { name: 'Architecture', fields: fields.filter((f) => f.group === 'model') },
    { name: 'Optimisation', fields: fields.filter((f) => f.group === 'optimisation') },
  ];
  return (
    <fieldset className="train-settings" disabled={disabled}>
      <legend className="visually-hidden">Training settings</legend>
      <div className="train-kind">
        <label htmlFor={kindId}>Model</label>
        <select
          id={kindId}
          value={kind}
          data-testid="train-kind"
          aria-describedby={`${kindId}-blurb`}
          onChange={(e) => onKind(e.target.value as ModelKind)}
        >
          {(Object.keys(MODEL_LABELS) as ModelKind[]).map((k) => (
            <option key={k} value={k}>
              {MODEL_LABELS[k]}
            </option>
          ))}
        </select>
        <small id={`${kindId}-blurb`} className="field-hint">
          {MODEL_BLURBS[kind]}
        </small>
      </div>
      {groups.map((g) => (
        <div key={g.name} className="train-group" role="group" aria-labelledby={`${kindId}-${g.name}`}>
          <h3 id={`${kindId}-${g.name}`}>{g.name}</h3>
          <div className="train-fields">
            {g.fields.map((f) => (
              <Field key={f.key} spec={f} value={draft[f.key]} error={errors[f.key]} onChange={(t) => onField(f.key, t)} />
            ))}
          </div>
        </div>
      ))}
    </fieldset>
  );
}
