import { useCallback } from 'react';
import { selectComponent } from '../../state/selection';
import { IntentionCard } from './IntentionCard';
import { SharesChart } from './SharesChart';
import { useIntentions } from './hooks';
import './intentions.css';

/** The selected user's K intentions: shares chart, then one card per component; a card picks the component for traversal. */
export function IntentionsPanel() {
  const { view, items, component, kind } = useIntentions();
  const onSelect = useCallback((k: number) => {
    selectComponent(k).catch((e: unknown) => console.error('could not select the component', e));
  }, []);

  if (!view || !items) {
    return (
      <section className="panel panel-intentions" aria-labelledby="intentions-title">
        <h2 id="intentions-title">Intentions</h2>
        <p className="intent-empty">Pick a user to see their intentions.</p>
      </section>
    );
  }
  const hasConcepts = view.mu.length > 0;
  return (
    <section className="panel panel-intentions" aria-labelledby="intentions-title">
      <div className="intent-panel-head">
        <h2 id="intentions-title">Intentions</h2>
        <span className="intent-hint" data-testid="intentions-user">
          user <strong>{view.id}</strong>
          {hasConcepts ? ` · ${view.shares.length} components · pick one to traverse it` : ''}
        </span>
      </div>
      {hasConcepts ? (
        <SharesChart shares={view.shares} labels={view.conceptLabels} selected={component} />
      ) : (
        <p className="intent-empty">
          This model ({kind ?? 'baseline'}) has one representation per user and no concepts, so there is nothing to disentangle.
        </p>
      )}
      <ul className="intent-grid" aria-label="Intentions">
        {Array.from(view.shares, (share, k) => (
          <IntentionCard
            key={k}
            k={k}
            share={share}
            label={view.conceptLabels[k] ?? ''}
            clicked={view.historyByComponent[k]}
            top={view.componentTop[k].items}
            items={items}
            selected={hasConcepts && k === component}
            onSelect={hasConcepts ? onSelect : undefined}
          />
        ))}
      </ul>
    </section>
  );
}
