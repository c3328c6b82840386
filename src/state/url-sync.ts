import { useStore } from './store';
import { formatHash } from './url-state';

let urlTimer: ReturnType<typeof setTimeout> | null = null;

/** The hash as the current view would write it (null before a user is selected). */
export function currentHash(): string | null {
  const s = useStore.getState();
  if (s.user === null || !s.users) return null;
  return formatHash({
    dataset: s.loaded?.dataset.name,
    user: s.users.ids[s.user],
    component: s.component,
    topN: s.topN,
    range: s.range,
    offsets: s.offsets,
  });
}

/** Trailing write for drags: Chrome throttles (and warns about) hundreds of replaceState calls a second. */
export function scheduleUrlWrite(): void {
  if (urlTimer !== null) clearTimeout(urlTimer);
  urlTimer = setTimeout(writeUrl, 150);
}

export function writeUrl(): void {
  if (urlTimer !== null) clearTimeout(urlTimer);
  urlTimer = null;
  const hash = currentHash();
  if (hash !== null && hash !== location.hash) history.replaceState(null, '', hash);
}
