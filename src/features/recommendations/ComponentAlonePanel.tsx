import { aloneDiff } from '../../state/selection-slice';
import { useStore } from '../../state/store';
import { conceptText } from '../../ui/concept-tag';
import { RankedList } from './RankedList';

/**
 * The chosen component's own ranking, c_ik · exp(cos(z_k, h_i)/τ) with the history left out: what
 * a dimension of z_k means, which the mixture hides while the other components hold its top.
 */
export function ComponentAlonePanel() {
  const alone = useStore((s) => s.recs?.alone ?? null);
  const label = useStore((s) => (alone ? s.view?.conceptLabels[alone.k] : undefined));
  const topN = useStore((s) => s.topN);
  const diff = useStore(aloneDiff);
  if (!alone) return null;
  const name = `Component ${alone.k + 1} alone`;
  return (
    <section className="panel panel-alone" aria-labelledby="alone-heading">
      <div className="recs-header">
        <h2 id="alone-heading">{name}</h2>
        <span className="muted" title="c_ik · exp(cos(z_k, h_i)/τ), fold-in items excluded">
          {conceptText(alone.k, label)}
        </span>
      </div>
      {diff ? <RankedList diff={diff} label={name} n={topN} /> : null}
    </section>
  );
}
