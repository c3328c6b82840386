import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { StoredModel } from '../../protocol/library';
import {
  deleteDataset,
  deleteModel,
  downloadModel,
  openStoredDataset,
  persistStorage,
  renameModel,
  activateModel,
} from '../../state/library';
import { useStore } from '../../state/store';
import { continueRun } from '../../state/training';
import { formatBytes } from '../training/cost';
import { formatDuration } from '../training/TrainProgress';
import { ComparePanel } from './ComparePanel';
import './library.css';

const ndcg = (m: StoredModel, which: 'validation' | 'test') => m[which]?.ndcg100.mean.toFixed(4) ?? '—';

const STATUS: Record<StoredModel['status'], string> = {
  complete: 'complete',
  stopped: 'stopped',
  diverged: 'diverged (best kept)',
  running: 'training…',
  interrupted: 'interrupted',
};

function ModelRow({ m, active, busy }: { m: StoredModel; active: boolean; busy: boolean }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(m.name);
  const builtin = m.source === 'demo';
  const canResume = m.resumable && (m.status === 'interrupted' || m.status === 'stopped') && !busy;
  const usable = m.status !== 'running' && !(m.status === 'interrupted' && m.bestEpoch === 0);
  return (
    <tr className={active ? 'active' : undefined} data-testid="library-model">
      <th scope="row">
        {editing ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              setEditing(false);
              void renameModel(m.id, name);
            }}
          >
            <input aria-label={`new name for ${m.name}`} value={name} onChange={(e) => setName(e.currentTarget.value)} autoFocus />
          </form>
        ) : (
          <span className="lib-name">{m.name}</span>
        )}
        {active ? <span className="lib-active"> · shown</span> : null}
        <span className="lib-sub">
          {m.kind}
          {m.kind === 'macridvae' ? ` K=${m.K}` : ''} d={m.d} ·{' '}
          {m.source === 'demo' ? 'built in' : m.source === 'file' ? 'from files' : 'trained here'}
          {m.anchor ? ` · concepts anchored to ${m.anchor.join(', ')}` : ''}
        </span>
      </th>
      <td data-testid="library-status">{STATUS[m.status]}</td>
      <td>{m.bestEpoch ? `${m.bestEpoch} of ${m.epochs}` : '—'}</td>
      <td>{ndcg(m, 'validation')}</td>
      <td>{ndcg(m, 'test')}</td>
      <td>
        {new Date(m.createdAt).toLocaleString()}
        {m.seconds ? ` · ${formatDuration(m.seconds)}` : ''}
      </td>
      <td className="lib-actions">
        <button type="button" disabled={active || !usable} onClick={() => void activateModel(m.id)}>
          Use
        </button>
        {canResume ? (
          <button type="button" onClick={() => void continueRun(m)} title="Go on from its best checkpoint to the planned epochs">
            Resume
          </button>
        ) : null}
        <button
          type="button"
          disabled={!usable}
          onClick={() => void downloadModel(m.id)}
          title="model.json and model.weights.bin, as npm run train writes them"
        >
          Download
        </button>
        {!builtin ? (
          <>
            <button type="button" onClick={() => setEditing((x) => !x)}>
              Rename
            </button>
            <button
              type="button"
              className="quiet"
              disabled={m.status === 'running'}
              onClick={() => confirm(`Delete ${m.name} from this browser?`) && void deleteModel(m.id)}
            >
              Delete
            </button>
          </>
        ) : null}
      </td>
    </tr>
  );
}

function Storage() {
  const storage = useStore((s) => s.library?.storage);
  if (!storage) return null;
  if (!storage.available) {
    return <p className="lib-storage warn">This browser gives the app no persistent storage: nothing here survives closing the tab.</p>;
  }
  return (
    <p className="lib-storage" data-testid="library-storage">
      Stored in this browser{storage.usage !== null ? `: ${formatBytes(storage.usage)}` : ''}
      {storage.quota !== null ? ` of ${formatBytes(storage.quota)} allowed` : ''}
      {storage.persisted ? ' · persistent' : ' · may be evicted when the disk is short '}
      {!storage.persisted ? (
        <button type="button" className="link" onClick={() => void persistStorage()}>
          ask to keep it
        </button>
      ) : null}
    </p>
  );
}

/** Every model of the open dataset (built in, trained here, opened from files) and every stored dataset. */
export function LibraryPanel() {
  const { library, dataset, busy } = useStore(useShallow((s) => ({ library: s.library, dataset: s.loaded?.dataset, busy: s.trainBusy })));
  if (!library || !dataset) return null;
  return (
    <section className="panel panel-library" aria-labelledby="library-title" data-testid="library-panel">
      <div className="lib-head">
        <h2 id="library-title">Model library</h2>
        <span className="muted">for {dataset.name}</span>
      </div>
      <Storage />
      {library.models.length ? (
        <table className="lib-table" aria-label="Models">
          <thead>
            <tr>
              <th scope="col">model</th>
              <th scope="col">status</th>
              <th scope="col">best epoch</th>
              <th scope="col">val NDCG@100</th>
              <th scope="col">test NDCG@100</th>
              <th scope="col">made</th>
              <th scope="col">
                <span className="sr-only">actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {library.models.map((m) => (
              <ModelRow key={`${m.id}:${m.name}`} m={m} active={m.id === library.active} busy={busy} />
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No model for this dataset yet: train one above or open model files.</p>
      )}
      {library.datasets.length ? (
        <>
          <h3 className="lib-sub-head">Datasets stored in this browser</h3>
          <ul className="lib-datasets" aria-label="Stored datasets">
            {library.datasets.map((d) => (
              <li key={d.id}>
                <span className="lib-name">{d.name}</span>{' '}
                <span className="muted">
                  {d.stats.filteredUsers} users · {d.stats.items} items · {formatBytes(d.bytes)} · {new Date(d.savedAt).toLocaleString()}
                </span>
                {d.fingerprint === dataset.fingerprint ? (
                  <span className="lib-active"> · open</span>
                ) : (
                  <>
                    <button type="button" disabled={busy} onClick={() => void openStoredDataset(d.id)}>
                      Open
                    </button>
                    <button
                      type="button"
                      className="quiet"
                      onClick={() => confirm(`Delete ${d.name} and its models from this browser?`) && void deleteDataset(d.id)}
                    >
                      Delete
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <ComparePanel />
    </section>
  );
}
