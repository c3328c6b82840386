import { selectComponent } from '../../state/selection';
import { useStore } from '../../state/store';
import { SharesChart } from './SharesChart';
import { useIntentions } from './hooks';
import './intentions.css';

/** The selected user's K intentions as one compact chart; a bar picks the component to traverse. */
export function IntentionsPanel() {
  const { view, component, kind } = useIntentions();
  const snapshot = useStore((s) => s.loaded?.model?.snapshot);
  if (!view) {
    return (
      <section className="panel panel-intentions" aria-labelledby="intentions-title">
        <h2 id="intentions-title">Intentions</h2>
        <p className="intent-empty">Pick a user to see their intentions.</p>
      </section>
    );
  }
  const hasConcepts = view.shares.length > 1;
  return (
    <section className="panel panel-intentions" aria-labelledby="intentions-title">
      <div className="intent-panel-head">
        <h2 id="intentions-title">Intentions</h2>
        {snapshot ? (
          <span
            className="snapshot-badge"
            data-testid="snapshot-badge"
            title="Watch it learn: the weights of the run under way, not a saved model"
          >
            snapshot · epoch {snapshot}
          </span>
        ) : null}
        <span className="intent-hint" data-testid="intentions-user">
          user <strong>{view.id}</strong>
          {hasConcepts ? ` · ${view.shares.length} components · soft share of the history (Σ c_ik) · pick one to traverse it` : ''}
        </span>
      </div>
      {hasConcepts ? (
        <SharesChart
          shares={view.shares}
          labels={view.conceptLabels}
          selected={component}
          onSelect={(k) => void selectComponent(k).catch((e: unknown) => console.error('could not select the component', e))}
        />
      ) : (
        <p className="intent-empty">
          This model ({kind ?? 'baseline'}) has one representation per user and no concepts, so there is nothing to disentangle.
        </p>
      )}
    </section>
  );
}
