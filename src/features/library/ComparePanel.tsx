import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { PAPER_ML100K } from '../../core/eval/paper-table';
import type { ModelComparison } from '../../protocol/library';
import { compareWith } from '../../state/library';
import { useStore } from '../../state/store';
import { RunCurves } from './RunCurves';

function TopList({ label, items, other, titles }: { label: string; items: Int32Array; other: Set<number>; titles: string[] }) {
  return (
    <ol className="cmp-list" aria-label={label}>
      {Array.from(items, (i) => (
        <li key={i} className={other.has(i) ? 'both' : undefined}>
          {titles[i]}
        </li>
      ))}
    </ol>
  );
}

function Result({ c }: { c: ModelComparison }) {
  const titles = useStore((s) => s.items?.titles ?? []);
  const a = new Set(c.shownTop);
  const b = new Set(c.otherTop);
  return (
    <div data-testid="compare-result">
      <p>
        For user {c.user}: <strong data-testid="compare-overlap">{c.overlap}</strong> of the top {c.shownTop.length} in both (shaded), no
        slider offsets.
      </p>
      <div className="cmp-lists">
        <div>
          <h4>{c.shown.name} (shown)</h4>
          <TopList label={`Top of ${c.shown.name}`} items={c.shownTop} other={b} titles={titles} />
        </div>
        <div>
          <h4>{c.other.name}</h4>
          <TopList label={`Top of ${c.other.name}`} items={c.otherTop} other={a} titles={titles} />
        </div>
      </div>
      {c.concepts ? (
        <p data-testid="compare-concepts">
          Concepts matched on C (Hungarian): {c.concepts.matching.map((l, k) => `C${k + 1}↔C${l + 1}`).join(', ')}; agreement NMI{' '}
          <strong>{c.concepts.nmi.toFixed(3)}</strong>, {(100 * c.concepts.matchedArgmax).toFixed(1)} % of items on matched concepts,{' '}
          {(100 * c.concepts.matchedShare).toFixed(1)} % of the co-assignment mass on the matched pairs.
        </p>
      ) : (
        <p className="muted">{c.note}</p>
      )}
    </div>
  );
}

/** Two models of the library side by side for the selected user, and every run's validation curve overlaid. */
export function ComparePanel() {
  const { models, active, user, dataset, test, comparison } = useStore(
    useShallow((s) => ({
      models: s.library?.models ?? [],
      active: s.library?.active ?? null,
      user: s.user,
      dataset: s.loaded?.dataset.name,
      test: s.loaded?.model?.test?.ndcg100.mean,
      comparison: s.comparison,
    })),
  );
  const others = models.filter((m) => m.id !== active && m.status !== 'running' && m.bestEpoch > 0);
  const [pick, setPick] = useState<string>('');
  const chosen = others.find((m) => m.id === pick) ?? others[0];
  const references = [
    ...(test !== undefined ? [{ label: 'shown, test', value: test }] : []),
    ...(dataset === 'ml-latest-small' ? [{ label: 'paper, test', value: PAPER_ML100K.macridvae.ndcg100[0] }] : []),
  ];
  return (
    <div className="cmp" data-testid="compare">
      <h3 className="lib-sub-head">Compare</h3>
      {chosen && user !== null ? (
        <p>
          <label>
            the shown model with{' '}
            <select value={chosen.id} onChange={(e) => setPick(e.currentTarget.value)} aria-label="Model to compare with">
              {others.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>{' '}
          <button type="button" onClick={() => void compareWith(chosen.id)} data-testid="compare-run">
            Compare for this user
          </button>
        </p>
      ) : (
        <p className="muted">Another finished model in the library is needed to compare with.</p>
      )}
      {comparison ? <Result c={comparison} /> : null}
      <h4>Validation NDCG@100 of every run</h4>
      <RunCurves runs={models} references={references} />
    </div>
  );
}
