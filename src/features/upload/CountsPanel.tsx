import { useEffect, useId, useState } from 'react';
import type { MetadataPreview, PreprocessChoice, UploadPreview } from '../../protocol/upload';
import { setPreprocess } from './upload-actions';
import { count } from './format';

function NumberField({
  label,
  hint,
  value,
  min,
  step,
  integer,
  disabled,
  onValue,
  onBlank,
  testId,
  placeholder,
}: {
  label: string;
  /** shown while there is no value yet; with it a blank field is not an error but a request for the default (onBlank) */
  placeholder?: string;
  onBlank?: () => void;
  hint: string;
  value: number | null;
  min: number;
  step: number;
  integer: boolean;
  disabled?: boolean;
  onValue: (v: number) => void;
  testId: string;
}) {
  const id = useId();
  const [text, setText] = useState(value === null ? '' : String(value));
  useEffect(() => setText(value === null ? '' : String(value)), [value]);
  const parsed = Number(text);
  const blank = text.trim() === '';
  const invalid = blank ? placeholder === undefined : !Number.isFinite(parsed) || parsed < min || (integer && !Number.isInteger(parsed));
  return (
    <div className={`import-field${invalid && !disabled ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode={integer ? 'numeric' : 'decimal'}
        min={min}
        step={step}
        value={text}
        placeholder={placeholder}
        disabled={disabled}
        aria-invalid={invalid && !disabled}
        data-testid={testId}
        onChange={(e) => {
          setText(e.target.value);
          const v = Number(e.target.value);
          if (e.target.value.trim() === '' && onBlank) onBlank();
          else if (e.target.value.trim() !== '' && Number.isFinite(v) && v >= min && (!integer || Number.isInteger(v))) onValue(v);
        }}
      />
      <small className={invalid && !disabled ? 'field-error' : 'muted'}>
        {invalid && !disabled ? `a ${integer ? 'whole ' : ''}number ≥ ${min}` : hint}
      </small>
    </div>
  );
}

function Stat({ label, value, note, testId }: { label: string; value: number | null; note?: string; testId: string }) {
  return (
    <div className="import-stat">
      <span className="import-stat-value" data-testid={testId}>
        {value === null ? '—' : count(value)}
      </span>
      <span className="import-stat-label">{label}</span>
      {note && <span className="import-stat-note">{note}</span>}
    </div>
  );
}

/** Preprocessing options (rating threshold, minimum clicks, held-out users) and what they give. */
export function CountsPanel({
  preview,
  preprocess,
  stale,
}: {
  preview: UploadPreview | null;
  preprocess: PreprocessChoice;
  stale: boolean;
}) {
  const parse = preview?.clicks?.parse ?? null;
  const counts = preview?.counts ?? null;
  const noRatings = parse !== null && !parse.hasRatings;
  const keepAll = preprocess.ratingThreshold === null;
  return (
    <section className="import-counts" aria-label="Preprocessing">
      <h3>Preprocessing</h3>
      <div className="import-fields">
        <NumberField
          label="Clicks are ratings above"
          hint={noRatings ? 'no rating column: every row is a click' : 'as prep.py: rating > 3.5'}
          value={preprocess.ratingThreshold ?? 3.5}
          min={0}
          step={0.5}
          integer={false}
          disabled={noRatings || keepAll}
          onValue={(v) => setPreprocess({ ratingThreshold: v })}
          testId="pre-threshold"
        />
        <NumberField
          label="Users need at least"
          hint="clicks each (others are dropped)"
          value={preprocess.minUserClicks}
          min={1}
          step={1}
          integer
          onValue={(v) => setPreprocess({ minUserClicks: v })}
          testId="pre-min-clicks"
        />
        <NumberField
          label="Held-out users per set"
          hint={preprocess.nHeldout === null ? 'validation and test each; picked from the number of users' : 'validation and test each'}
          value={preprocess.nHeldout ?? (preview?.nHeldout || null)}
          min={1}
          step={1}
          integer
          onValue={(v) => setPreprocess({ nHeldout: v })}
          placeholder="auto"
          onBlank={() => setPreprocess({ nHeldout: null })}
          testId="pre-heldout"
        />
      </div>
      {!noRatings && (
        <label className="import-check">
          <input
            type="checkbox"
            checked={keepAll}
            onChange={(e) => setPreprocess({ ratingThreshold: e.target.checked ? null : 3.5 })}
            data-testid="pre-keep-all"
          />{' '}
          keep every rated row (no threshold)
        </label>
      )}
      <div className={`import-stats${stale ? ' stale' : ''}`} data-testid="upload-counts" aria-live="polite" aria-busy={stale}>
        <Stat
          label="users"
          value={counts?.filteredUsers ?? null}
          note={parse ? `of ${count(parse.users)} with any click` : undefined}
          testId="count-users"
        />
        <Stat
          label="items"
          value={counts?.filteredItems ?? null}
          note={counts ? `${count(counts.items)} in the training vocabulary` : undefined}
          testId="count-items"
        />
        <Stat
          label="interactions"
          value={counts?.interactions ?? null}
          note={parse ? `from ${count(parse.rowsRead)} rows` : undefined}
          testId="count-interactions"
        />
        <Stat label="training users" value={counts?.trainUsers ?? null} testId="count-train" />
        <Stat
          label="validation users"
          value={counts?.valUsers ?? null}
          note={counts ? `${count(counts.valHeldOut)} held-out clicks` : undefined}
          testId="count-validation"
        />
        <Stat
          label="test users"
          value={counts?.testUsers ?? null}
          note={counts ? `${count(counts.testHeldOut)} held-out clicks` : undefined}
          testId="count-test"
        />
      </div>
      {parse && (
        <p className="muted import-parse-note" data-testid="upload-parse-note">
          {count(parse.rowsRead)} rows read
          {parse.hasRatings && parse.ratingThreshold !== null
            ? ` · ${count(parse.belowThreshold)} rated ${parse.ratingThreshold} or less dropped`
            : ''}
          {parse.duplicatesDropped ? ` · ${count(parse.duplicatesDropped)} repeated (user, item) pairs dropped` : ''}
          {' · '}
          {count(parse.users)} users and {count(parse.items)} items have clicks
        </p>
      )}
      {parse && parse.notices.length > 0 && (
        <ul className="import-notices" data-testid="upload-notices" aria-label="What the reader did">
          {parse.notices.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Titles are data from a file: rendered as text only. */
export function MetadataSummary({ metadata, vocabulary }: { metadata: MetadataPreview; vocabulary: number | null }) {
  return (
    <section className="import-meta" aria-label="Item metadata" data-testid="upload-metadata">
      <h3>Item metadata · {metadata.name}</h3>
      <p className="muted">
        {count(metadata.items)} items, {count(metadata.categories)} categories
        {metadata.matched !== null && vocabulary !== null
          ? ` · ${count(metadata.matched)} of the ${count(vocabulary)} items in the vocabulary have a title`
          : ''}
      </p>
      <ul className="import-meta-list">
        {metadata.sample.map((m) => (
          <li key={m.id}>
            <span className="import-meta-id">{m.id}</span>
            <span className="import-meta-title">{m.title}</span>
            {m.categories.length > 0 && <span className="muted"> · {m.categories.join(', ')}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
