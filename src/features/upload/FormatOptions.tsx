import { useId } from 'react';
import type { ClicksPreview, ClickFormat, LayoutChoice } from '../../protocol/upload';
import { setLayout } from './upload-actions';
import { DELIMITERS, delimiterLabel } from './format';

const FORMATS: { value: ClickFormat | 'auto'; label: string }[] = [
  { value: 'auto', label: 'detect' },
  { value: 'ml-100k', label: 'MovieLens u.data (ML-100K)' },
  { value: 'ml-1m', label: 'MovieLens ratings.dat (ML-1M)' },
  { value: 'ml-csv', label: 'MovieLens ratings.csv' },
  { value: 'delimited', label: 'other delimited text' },
];

type Role = 'user' | 'item' | 'rating' | 'timestamp';
const ROLES: { role: Role; label: string; optional: boolean }[] = [
  { role: 'user', label: 'User', optional: false },
  { role: 'item', label: 'Item', optional: false },
  { role: 'rating', label: 'Rating', optional: true },
  { role: 'timestamp', label: 'Time', optional: true },
];

export function columnName(header: string[] | null, c: number): string {
  return header?.[c] ? `${c + 1}: ${header[c]}` : `column ${c + 1}`;
}

function Field({ label, children }: { label: string; children: (id: string) => React.ReactNode }) {
  const id = useId();
  return (
    <div className="import-field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

/** What was detected, and every part of it overridable: format, delimiter, header, and which column is which. */
export function FormatOptions({ layout, clicks }: { layout: LayoutChoice; clicks: ClicksPreview | null }) {
  const detected = clicks?.layout ?? null;
  const columns = layout.columns ?? detected?.columns ?? null;
  const n = detected?.nColumns ?? 0;
  const setColumn = (role: Role, c: number) => {
    if (!columns) return;
    setLayout({ columns: { ...columns, [role]: c } });
  };
  return (
    <section className="import-format" aria-label="Format">
      <p className="import-detected" data-testid="upload-format">
        {detected ? (
          <>
            Read as <strong>{detected.formatLabel}</strong>
            {detected.format === 'delimited' ? '' : `, ${delimiterLabel(detected.delimiter)}-separated`}
          </>
        ) : clicks ? (
          'The layout could not be worked out: choose it below.'
        ) : (
          'Detecting the format…'
        )}
      </p>
      <div className="import-fields">
        <Field label="Format">
          {(id) => (
            <select
              id={id}
              value={layout.format}
              onChange={(e) => setLayout({ format: e.target.value as LayoutChoice['format'] })}
              data-testid="layout-format"
            >
              {FORMATS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Delimiter">
          {(id) => (
            <select
              id={id}
              value={layout.delimiter ?? ''}
              onChange={(e) => setLayout({ delimiter: e.target.value === '' ? null : e.target.value })}
              data-testid="layout-delimiter"
            >
              <option value="">{detected ? `detect (${delimiterLabel(detected.delimiter)})` : 'detect'}</option>
              {DELIMITERS.map((d) => (
                <option key={d.label} value={d.value}>
                  {d.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Header line">
          {(id) => (
            <select
              id={id}
              value={layout.header === null ? '' : layout.header ? 'yes' : 'no'}
              onChange={(e) => setLayout({ header: e.target.value === '' ? null : e.target.value === 'yes' })}
              data-testid="layout-header"
            >
              <option value="">{detected ? `detect (${detected.header ? 'yes' : 'no'})` : 'detect'}</option>
              <option value="yes">yes: the first line names the columns</option>
              <option value="no">no: the first line is data</option>
            </select>
          )}
        </Field>
      </div>
      {columns && n > 0 && (
        <div className="import-fields">
          {ROLES.map(({ role, label, optional }) => (
            <Field key={role} label={`${label} column`}>
              {(id) => (
                <select
                  id={id}
                  value={columns[role]}
                  onChange={(e) => setColumn(role, Number(e.target.value))}
                  data-testid={`layout-${role}`}
                >
                  {optional && <option value={-1}>{role === 'rating' ? 'none: every row is a click' : 'none'}</option>}
                  {Array.from({ length: n }, (_, c) => (
                    <option key={c} value={c}>
                      {columnName(detected?.header ?? null, c)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ))}
        </div>
      )}
    </section>
  );
}
