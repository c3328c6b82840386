import { useEffect, useState } from 'react';
import { AnchoredAlignment } from './AnchoredAlignment';
import type { ExportKind } from '../../protocol/concepts';
import { useStore } from '../../state/store';
import { AssignmentOverview } from './AssignmentOverview';
import { ConceptCategory } from './ConceptCategory';
import { ConceptProfiles } from './ConceptProfiles';
import { exportFile, loadAnchors, syncConcepts } from './concepts-actions';
import { useConcepts } from './concepts-store';
import { count } from './format';
import { ItemMap } from './ItemMap';
import { MicroPanel } from './MicroPanel';
import './concepts.css';
import { errorMessage } from '../../core/error-message';

const EXPORTS: { kind: ExportKind; label: string; title: string }[] = [
  { kind: 'assignments.csv', label: 'Assignments CSV', title: 'item_id, title, concept (1…K), c_1 … c_K for every item' },
  { kind: 'vectors.tsv', label: 'vectors.tsv', title: 'The normalised item vectors ĥ_i, tab-separated, for projector.tensorflow.org' },
  { kind: 'metadata.tsv', label: 'metadata.tsv', title: 'id, title, concept and genres per item, the Embedding Projector’s metadata file' },
];

function Exports({ prefix }: { prefix: string }) {
  const [busy, setBusy] = useState<ExportKind | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (kind: ExportKind) => {
    setBusy(kind);
    setError(null);
    try {
      await exportFile(kind, prefix);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="cx-exports" role="group" aria-label="Export">
      <span className="cx-muted">Export:</span>
      {EXPORTS.map((e) => (
        <button
          key={e.kind}
          type="button"
          className="cx-small"
          title={e.title}
          disabled={busy !== null}
          onClick={() => void run(e.kind)}
          data-testid={`export-${e.kind}`}
        >
          {busy === e.kind ? 'preparing…' : e.label}
        </button>
      ))}
      <span className="cx-muted cx-note">
        vectors.tsv + metadata.tsv load into the{' '}
        <a href="https://projector.tensorflow.org/" target="_blank" rel="noreferrer">
          Embedding Projector
        </a>
        ; every chart has its own SVG button.
      </span>
      {error && (
        <span className="cx-warn" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/**
 * Concepts: how items are assigned to the K prototypes, how that compares with the item
 * categories, where items sit (UMAP map) and how independent the latent dimensions are.
 */
export function ConceptsSection() {
  const loaded = useStore((s) => s.loaded);
  const items = useStore((s) => s.items);
  const user = useStore((s) => s.user);
  const report = useConcepts((s) => s.report);
  const error = useConcepts((s) => s.reportError);
  const showUser = useConcepts((s) => s.showUser);

  useEffect(() => {
    void syncConcepts(loaded);
  }, [loaded]);

  useEffect(() => {
    if (report && showUser) void loadAnchors(user);
  }, [report, user, showUser]);

  const model = loaded?.model;
  const prefix = `${(loaded?.dataset.name ?? 'dataset').replace(/\.[a-z]+$/i, '').replace(/[^\w.-]+/g, '_')}-K${model?.K ?? 0}`;
  let body;
  if (!model || model.kind !== 'macridvae') {
    body = (
      <p className="cx-muted">
        Concepts exist only in a MacridVAE model; the model shown now is {model ? `a ${model.kind}` : 'not loaded'}.
      </p>
    );
  } else if (error) {
    body = (
      <p className="cx-warn" role="alert">
        Could not analyse the concepts: {error}
      </p>
    );
  } else if (!report || !items) {
    body = (
      <p className="cx-muted" role="status">
        Analysing the concepts…
      </p>
    );
  } else {
    body = (
      <>
        <AnchoredAlignment report={report} />
        <AssignmentOverview report={report} prefix={prefix} />
        <ItemMap report={report} items={items} prefix={prefix} />
        <ConceptCategory report={report} items={items} prefix={prefix} />
        <div className="cx-pair">
          <ConceptProfiles report={report} items={items} />
          <MicroPanel report={report} prefix={prefix} />
        </div>
      </>
    );
  }
  return (
    <section className="panel panel-concepts" aria-labelledby="concepts-h" data-testid="concepts-section">
      <header className="cx-head">
        <h2 id="concepts-h">Concepts</h2>
        {report && (
          <p className="cx-summary">
            <span data-testid="concepts-item-count" data-count={report.M}>
              {count(report.M)}
            </span>{' '}
            items softly assigned to <span data-testid="concepts-k">{report.K}</span> concepts, c<sub>ik</sub> = softmax<sub>k</sub>(cos(h
            <sub>i</sub>, m<sub>k</sub>) / τ), τ = {report.tau}
          </p>
        )}
        {report && <Exports prefix={prefix} />}
      </header>
      {body}
    </section>
  );
}
