import { useStore } from '../../state/store';
import { formatBytes } from './cost';

/** How the run splits MacridVAE's decoder to stay within the buffer limits, and (under a simulated limit) what it measured. */
export function DecoderPlanLine() {
  const plan = useStore((s) => s.trainDecoder);
  if (!plan) return null;
  const within =
    plan.limitBytes === null
      ? `each decoder tensor ≤ ${formatBytes(plan.budgetBytes)} (a fixed budget off WebGPU)`
      : `each decoder tensor ≤ ${formatBytes(plan.budgetBytes)}, half the ${formatBytes(plan.limitBytes)} WebGPU buffer limit${plan.simulated ? ' (simulated)' : ''}`;
  const chunks = Math.ceil(plan.batchSize / plan.usersPerChunk);
  return (
    <p
      className="train-decoder muted"
      data-testid="train-decoder"
      data-chunk-users={plan.usersPerChunk}
      data-limit={plan.limitBytes ?? ''}
      data-largest={plan.largest?.bytes ?? ''}
    >
      Decoder:{' '}
      {chunks === 1 ? 'the whole minibatch at once' : `${plan.usersPerChunk} of ${plan.batchSize} users at a time (${chunks} chunks)`};{' '}
      {within}.
      {plan.largest &&
        ` Measured on one probe step and one validation batch: the largest tensor is ${formatBytes(plan.largest.bytes)} (${plan.largest.kernel} [${plan.largest.shape.join(' × ')}]).`}
    </p>
  );
}
