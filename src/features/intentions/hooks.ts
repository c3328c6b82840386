import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../state/store';

/**
 * What the intentions panel needs: the selected user's view, the item table, the component chosen
 * for traversal and the model kind. Offsets, recommendations and training progress are left out so
 * slider drags and epochs elsewhere do not re-render the cards.
 */
export function useIntentions() {
  return useStore(useShallow((s) => ({ view: s.view, items: s.items, component: s.component, kind: s.loaded?.model?.kind ?? null })));
}
