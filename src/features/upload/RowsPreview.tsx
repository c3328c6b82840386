import type { ClicksPreview } from '../../protocol/upload';
import { columnName } from './FormatOptions';

const ROLE_OF = ['user', 'item', 'rating', 'timestamp'] as const;

/** The file's first lines as the chosen layout splits them; cells are text, never markup. */
export function RowsPreview({ clicks }: { clicks: ClicksPreview }) {
  const layout = clicks.layout;
  const width = Math.max(layout?.nColumns ?? 1, ...clicks.rows.map((r) => r.fields.length));
  const roleOf = (c: number) => (layout ? ROLE_OF.find((r) => layout.columns[r] === c) : undefined);
  if (clicks.rows.length === 0) return null;
  return (
    <div className="import-table-wrap">
      <table className="import-table" data-testid="upload-rows">
        <caption>First lines of {clicks.name}</caption>
        <thead>
          <tr>
            <th scope="col" className="import-line">
              line
            </th>
            {Array.from({ length: width }, (_, c) => (
              <th key={c} scope="col">
                {layout ? columnName(layout.header, c) : 'text'}
                {roleOf(c) && <span className={`import-role role-${roleOf(c)}`}>{roleOf(c) === 'timestamp' ? 'time' : roleOf(c)}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {clicks.rows.map((r) => (
            <tr key={r.line}>
              <td className="import-line">{r.line}</td>
              {Array.from({ length: width }, (_, c) => (
                <td key={c} className={roleOf(c) ? '' : 'unused'}>
                  {r.fields[c] ?? ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
