/** The decoder's tensor budget: plain arithmetic, read by the training form as well as the model. */

/** The WebGPU adapter limits that bound one tensor's buffer, in bytes. */
export interface BufferLimits {
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
}

/** Bytes one decoder tensor may take on a backend without buffer limits (wasm, cpu, webgl). */
export const HOST_TENSOR_BUDGET = 32 * 2 ** 20;

/**
 * Bytes one decoder tensor may take: half the smaller of the adapter's two limits (tfjs rounds
 * buffer sizes up, and a chunk holds a few tensors of this size at once), or HOST_TENSOR_BUDGET.
 */
export function tensorBudget(limits: BufferLimits | null): number {
  if (!limits) return HOST_TENSOR_BUDGET;
  return Math.floor(Math.min(limits.maxBufferSize, limits.maxStorageBufferBindingSize) / 2);
}

/**
 * The limits a run keeps to: the adapter's (null off WebGPU), each lowered to `cap` bytes when a
 * smaller device is simulated (the ?gpu-limit= setting; WebGPU cannot hand out a device with
 * limits below its defaults, so a small one can only be simulated).
 */
export function cappedLimits(limits: BufferLimits | null, cap: number | null): BufferLimits | null {
  if (cap === null) return limits;
  return {
    maxBufferSize: Math.min(limits?.maxBufferSize ?? cap, cap),
    maxStorageBufferBindingSize: Math.min(limits?.maxStorageBufferBindingSize ?? cap, cap),
  };
}

/** Users per decoder chunk: the most whose [users·K, M] float32 logits fit in `budget` bytes, at least one. */
export function usersPerChunk(budget: number, K: number, M: number): number {
  return Math.max(1, Math.floor(budget / (4 * K * M)));
}
