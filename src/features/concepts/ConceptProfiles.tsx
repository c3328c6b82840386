import type { ConceptsReport } from '../../protocol/concepts';
import { selectUser } from '../../state/selection';
import { useStore } from '../../state/store';
import type { ItemTable } from '../../protocol/engine';
import { selectItem, setConcepts } from './concepts-actions';
import { useConcepts } from './concepts-store';
import { ConceptTag } from '../../ui/concept-tag';
import { conceptColor, conceptName, count, percent } from './format';

export function ConceptProfiles({ report, items }: { report: ConceptsReport; items: ItemTable }) {
  const focus = useConcepts((s) => Math.min(s.focus, report.K - 1));
  const currentUser = useStore((s) => s.user);
  const p = report.profiles[focus];
  const matched = report.categories ? report.categories.matchedCategory[focus] : -1;
  const color = conceptColor(focus);
  return (
    <section className="cx-card cx-profile" aria-labelledby="cx-prof-h" data-testid="concept-profile">
      <h3 id="cx-prof-h">Per concept</h3>
      <div className="cx-tabs" role="group" aria-label="Concept">
        {report.labels.map((l, k) => (
          <button
            key={k}
            type="button"
            aria-pressed={k === focus}
            title={`${conceptName(k)} ${l.short}: ${l.detail}`}
            style={{ borderColor: conceptColor(k), background: k === focus ? conceptColor(k) : undefined }}
            className={k === focus ? 'on' : ''}
            onClick={() => setConcepts({ focus: k })}
          >
            {conceptName(k)}
          </button>
        ))}
      </div>
      <p className="cx-profile-head" style={{ borderColor: color }}>
        <ConceptTag k={focus} label={report.labels[focus]} /> {count(report.sizes[focus])} items ({percent(report.sizes[focus] / report.M)}
        ), Σc = {report.softSizes[focus].toFixed(1)}
        {matched >= 0 && report.categories && <> · matched genre: {report.categories.names[matched]}</>}
      </p>
      <div className="cx-profile-cols">
        <div>
          <h4>Most typical items</h4>
          <ol className="cx-list" data-testid="concept-typical">
            {p.typical.map(({ item, c }) => (
              <li key={item}>
                <span className="cx-li">
                  <button type="button" className="cx-link" onClick={() => void selectItem(item, true)}>
                    {items.titles[item] || `item ${items.ids[item]}`}
                  </button>
                  <span className="cx-muted">{c.toFixed(3)}</span>
                </span>
              </li>
            ))}
          </ol>
        </div>
        <div>
          <h4>Top genres</h4>
          {p.topCategories.length === 0 ? (
            <p className="cx-muted">{report.categories ? 'No genres among its items.' : 'No item categories in this dataset.'}</p>
          ) : (
            <ul className="cx-bars" aria-label="Share of the concept's items per genre">
              {p.topCategories.map((c) => (
                <li
                  key={c.category}
                  title={`${count(c.count)} of the concept's items list ${c.name}; ${c.lift.toFixed(2)}× its share among all items`}
                >
                  <span className="cx-bar-label">{c.name}</span>
                  <span className="cx-bar-track">
                    <span style={{ width: `${c.share * 100}%`, background: color }} />
                  </span>
                  <span className="cx-bar-val">
                    {percent(c.share)} <span className={c.lift >= 1.5 ? 'cx-lift-up' : 'cx-muted'}>×{c.lift.toFixed(1)}</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
          <p className="cx-muted cx-note">
            Share of the concept’s items listing the genre; ×: lift over the genre’s share among all items.
          </p>
        </div>
        <div>
          <h4>Users who lean on it</h4>
          <table className="cx-table">
            <caption className="cx-muted">
              Share of history: Σ c<sub>ik</sub> over the user’s clicked items, over the history length.
            </caption>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Share</th>
                <th scope="col">Clicks</th>
              </tr>
            </thead>
            <tbody>
              {p.topUsers.map((u) => (
                <tr key={u.user} className={u.user === currentUser ? 'on' : ''}>
                  <td>
                    <button type="button" className="cx-link" onClick={() => void selectUser(u.user)} aria-label={`Select user ${u.id}`}>
                      {u.id}
                    </button>
                  </td>
                  <td>{percent(u.share)}</td>
                  <td>{u.clicks}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
