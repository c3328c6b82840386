import { dismissNotice } from '../../state/library';
import { useStore } from '../../state/store';

/** What the app could not do as asked (a link's dataset missing, storage full), until the user dismisses it. */
export function Notice() {
  const notice = useStore((s) => s.notice);
  if (!notice) return null;
  return (
    <div className="app-notice" role="alert" data-testid="notice">
      <span>{notice}</span>
      <button type="button" aria-label="Dismiss the notice" onClick={dismissNotice}>
        ×
      </button>
    </div>
  );
}
