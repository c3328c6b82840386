import { useCallback } from 'react';
import { selectComponent } from '../../state/selection';
import { IntentionCard } from './IntentionCard';
import { useIntentions } from './hooks';

/** One card per component, below the traversal: what the user clicked under it and what it alone recommends. */
export function IntentionCards() {
  const { view, items, component } = useIntentions();
  const onSelect = useCallback((k: number) => {
    selectComponent(k).catch((e: unknown) => console.error('could not select the component', e));
  }, []);
  if (!view || !items) return null;
  const hasConcepts = view.shares.length > 1;
  return (
    <section className="panel panel-intent-cards" aria-labelledby="intent-cards-title">
      <h2 id="intent-cards-title">Intention details</h2>
      <ul className="intent-grid" aria-label="Intentions">
        {Array.from(view.shares, (share, k) => (
          <IntentionCard
            key={k}
            k={k}
            share={share}
            label={view.conceptLabels[k]}
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
