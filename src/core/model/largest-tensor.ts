import { tf } from '../tf';

/**
 * The largest tensor, in bytes at 4 bytes a value, that any kernel run by `f` outputs, forward
 * and backward alike: read from the kernels tfjs's profiler records, so it covers whatever the
 * code builds. Profiling reads outputs back on backends without a GPU timer: for one probe step,
 * not for every minibatch.
 */
export async function largestTensor(f: () => void | Promise<void>): Promise<{ bytes: number; kernel: string; shape: number[] }> {
  const info = await tf.profile(f);
  let best = { bytes: 0, kernel: '', shape: [] as number[] };
  for (const k of info.kernels) {
    for (const shape of k.outputShapes) {
      const bytes = 4 * shape.reduce((a, b) => a * b, 1);
      if (bytes > best.bytes) best = { bytes, kernel: k.name, shape };
    }
  }
  return best;
}
