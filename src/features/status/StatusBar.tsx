import { useStore } from '../../state/store';
import { BACKEND_ORDER } from '../../protocol/constants';

/** Reopens the page with ?backend=NAME: tfjs backends are chosen (and probed) when the engine starts. */
function forceBackend(name: string): void {
  const url = new URL(location.href);
  if (name) url.searchParams.set('backend', name);
  else url.searchParams.delete('backend');
  location.assign(url.href);
}

function bytes(n: number): string {
  return n > 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${(n / 1e3).toFixed(0)} kB`;
}

/** Dataset, model, backend (and why), engine memory and the last action's timing, always visible. */
export function StatusBar() {
  const loaded = useStore((s) => s.loaded);
  const backend = useStore((s) => s.backend);
  const where = useStore((s) => s.where);
  const memory = useStore((s) => s.memory);
  const last = useStore((s) => s.lastAction);
  const model = loaded?.model;
  return (
    <footer className="status-bar" role="status" aria-label="Status">
      <span data-testid="status-dataset">
        Dataset:{' '}
        {loaded ? `${loaded.dataset.name} (${loaded.dataset.stats.filteredUsers} users, ${loaded.dataset.stats.items} items)` : '—'}
      </span>
      <span data-testid="status-model">
        Model:{' '}
        {model
          ? model.snapshot
            ? `SNAPSHOT of the run under way, epoch ${model.snapshot} (${model.kind} K=${model.K} d=${model.d}) — not a saved model`
            : `${model.kind} K=${model.K} d=${model.d} (${model.source}, best epoch ${model.bestEpoch})`
          : '—'}
      </span>
      <span data-testid="status-backend" title={backend ? backend.tried.map((t) => `${t.name}: ${t.note}`).join('\n') : ''}>
        Backend: <strong>{backend?.name ?? '…'}</strong>
        {backend ? ` — ${backend.reason}` : ''}
        {where ? ` (${where})` : ''}
        {backend?.limits?.simulated != null && (
          <span data-testid="status-gpu-limit">{` · buffer limit ${backend.limits.simulated.toLocaleString('en-US')} bytes (simulated, ?gpu-limit=)`}</span>
        )}
      </span>
      <label className="status-force">
        Force backend{' '}
        <select
          aria-label="Force backend"
          value={new URLSearchParams(location.search).get('backend') ?? ''}
          onChange={(e) => forceBackend(e.target.value)}
        >
          <option value="">automatic</option>
          {BACKEND_ORDER.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </label>
      <span data-testid="status-memory">Memory: {memory ? `${memory.numTensors} tensors, ${bytes(memory.numBytes)}` : '—'}</span>
      <span data-testid="status-last">{last ? `${last.label}: ${last.ms.toFixed(1)} ms` : ''}</span>
    </footer>
  );
}
