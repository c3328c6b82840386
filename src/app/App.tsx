import { ConceptsSection } from '../features/concepts/ConceptsSection';
import { UploadControls } from '../features/upload/UploadControls';
import { ModelNeeded } from '../features/upload/ModelNeeded';
import { IntentionCards } from '../features/intentions/IntentionCards';
import { IntentionsPanel } from '../features/intentions/IntentionsPanel';
import { ComponentAlonePanel } from '../features/recommendations/ComponentAlonePanel';
import { WhyItemPanel } from '../features/recommendations/WhyItemPanel';
import { RecommendationsPanel } from '../features/recommendations/RecommendationsPanel';
import { DemoSwitch } from '../features/library/DemoSwitch';
import { LibraryPanel } from '../features/library/LibraryPanel';
import { Notice } from '../features/library/Notice';
import { StatusBar } from '../features/status/StatusBar';
import { TrainingPanel } from '../features/training/TrainingPanel';
import { TraversalPanel } from '../features/traversal/TraversalPanel';
import { UsersPanel } from '../features/users/UsersPanel';
import { useStore } from '../state/store';

function Loading() {
  const phase = useStore((s) => s.phase);
  const activity = useStore((s) => s.activity);
  const error = useStore((s) => s.error);
  if (phase === 'error') {
    return (
      <div className="loading error" role="alert">
        <h2>Could not start</h2>
        <p>{error}</p>
      </div>
    );
  }
  return (
    <div className="loading" role="progressbar" aria-busy="true" aria-label="Loading">
      <div className="spinner" aria-hidden="true" />
      <p>{activity}…</p>
    </div>
  );
}

export function App() {
  const phase = useStore((s) => s.phase);
  const hasModel = useStore((s) => Boolean(s.loaded?.model));
  return (
    <div className="app">
      <header className="app-header">
        <h1>MacridVAE Explorer</h1>
        <p className="tagline">Look inside a disentangled recommender: K intentions per user, one slider per latent dimension.</p>
        <DemoSwitch />
        <UploadControls />
      </header>
      <Notice />
      {phase === 'ready' ? (
        <main className="panels">
          {hasModel ? (
            <>
              <div className="column column-users">
                <UsersPanel />
              </div>
              <div className="column column-explore">
                <IntentionsPanel />
                <TraversalPanel />
                <IntentionCards />
              </div>
              <div className="column column-lists">
                <WhyItemPanel />
                <div className="lists">
                  <RecommendationsPanel />
                  <ComponentAlonePanel />
                </div>
              </div>
            </>
          ) : (
            <ModelNeeded />
          )}
          <TrainingPanel />
          <LibraryPanel />
          <ConceptsSection />
        </main>
      ) : (
        <Loading />
      )}
      <StatusBar />
    </div>
  );
}
