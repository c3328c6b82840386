import { useShallow } from 'zustand/react/shallow';
import { activateModel } from '../../state/library';
import { useStore } from '../../state/store';

/**
 * The demo ships two models: the paper's, learnt unaided, and one whose concepts were anchored to
 * the 7 most frequent genres. One click shows the other, so both can be seen for the same user.
 */
export function DemoSwitch() {
  const { models, active, busy } = useStore(
    useShallow((s) => ({ models: s.library?.models, active: s.library?.active, busy: s.trainBusy })),
  );
  const builtins = models?.filter((m) => m.source === 'demo') ?? [];
  const anchored = builtins.find((m) => m.anchor);
  const unaided = builtins.find((m) => !m.anchor);
  if (!anchored || !unaided) return null;
  const showing = active === anchored.id ? anchored : active === unaided.id ? unaided : null;
  const other = showing === anchored ? unaided : anchored;
  return (
    <button
      type="button"
      className="demo-switch"
      disabled={busy}
      title={
        other.anchor
          ? `Concepts tied to ${other.anchor.join(', ')} during training (all labels)`
          : 'The model as the paper trains it, without labels'
      }
      onClick={() => void activateModel(other.id)}
      data-testid="demo-switch"
    >
      {other.anchor ? 'Show the demo model anchored to 7 genres' : 'Back to the unaided demo model'}
    </button>
  );
}
