import { useEffect, useState, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../state/store';

/**
 * What the intentions panel needs: the selected user's view, the item table, the component chosen
 * for traversal and the model kind. Offsets, recommendations and training progress are left out so
 * slider drags and epochs elsewhere do not re-render the cards.
 */
export function useIntentions() {
  return useStore(
    useShallow((s) => ({ view: s.view, items: s.items, component: s.component, kind: s.loaded?.model?.kind ?? null })),
  );
}

/** The element's content width, kept current with a ResizeObserver (0 until it is laid out). */
export function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}
