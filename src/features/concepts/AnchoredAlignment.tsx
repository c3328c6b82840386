import type { ConceptsReport } from '../../protocol/concepts';

const f3 = (x: number | null) => (x === null ? '—' : x.toFixed(3));

/**
 * For a model trained with the anchoring term: how well its concepts follow the categories it was
 * tied to, on the items whose labels training used and, apart, on those it never saw labelled.
 */
export function AnchoredAlignment({ report }: { report: ConceptsReport }) {
  const a = report.anchored;
  if (!a) return null;
  return (
    <section className="cx-card cx-anchored" aria-labelledby="cx-anchored-h" data-testid="concepts-anchored">
      <h3 id="cx-anchored-h">Anchored to categories</h3>
      <p>
        This model was trained with concept k tied to the k-th of <strong>{a.anchoredCategories.join(', ')}</strong>, using the labels of{' '}
        {a.labelled} items ({(100 * a.fraction).toFixed(0)} % of those with one of these categories; several categories:{' '}
        {a.target === 'rarest' ? 'the rarest' : 'spread evenly'}).
      </p>
      <dl className="cx-metrics">
        <div title="NMI between argmax c and each item's rarest anchored category, over all items having one">
          <dt>NMI, all</dt>
          <dd data-testid="anchored-nmi">{f3(a.nmi)}</dd>
        </div>
        <div title="The same NMI over the items whose labels training did not use: what the anchors taught beyond them">
          <dt>NMI, unlabelled</dt>
          <dd data-testid="anchored-nmi-unlabelled">{a.nmiUnlabelled === null ? 'all labelled' : f3(a.nmiUnlabelled)}</dd>
        </div>
        <div title="Share of items whose argmax concept is one of their own anchored categories (an item listing several counts on any)">
          <dt>on own category</dt>
          <dd>{f3(a.onCategory)}</dd>
        </div>
        <div title="The official 0–3 score with the anchored categories as the categories">
          <dt>interpretability</dt>
          <dd>{a.interpretability}/3</dd>
        </div>
      </dl>
    </section>
  );
}
