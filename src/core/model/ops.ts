import { tf, type Tensor, type Tensor1D, type Tensor2D } from '../tf';

type Save = (tensors: Tensor[]) => void;
type Body = (xs: Tensor[], save: Save) => { value: Tensor; gradFunc: (dy: Tensor, saved: Tensor[]) => Tensor | Tensor[] };

/**
 * tf.customGrad with plain tensor arguments. Tensors the gradient needs must pass through
 * `save`: the forward pass's tidy scope disposes everything else before the backward pass runs.
 */
export function custom(body: Body): (...xs: Tensor[]) => Tensor {
  const wrapped = (...args: unknown[]) => {
    const save = args.pop() as Save;
    const r = body(args as Tensor[], save);
    return { value: r.value, gradFunc: (dy: Tensor | Tensor[], saved: Tensor[]) => r.gradFunc(dy as Tensor, saved) };
  };
  return tf.customGrad(wrapped as Parameters<typeof tf.customGrad>[0]) as (...xs: Tensor[]) => Tensor;
}

/**
 * Σ over the last axis of a 2-D tensor, as [B, 1]. tfjs differentiates tf.sum by multiplying dy
 * with a ones tensor of x's full shape, filled element by element in JS and then uploaded; here
 * the gradient is a broadcast product with one row of ones.
 */
export function rowSum(x: Tensor2D): Tensor2D {
  const n = x.shape[1];
  const op = custom(([xx]) => ({
    value: tf.sum(xx, 1, true),
    gradFunc: (dy) => tf.mul(dy, tf.ones([1, n])),
  }));
  return op(x) as Tensor2D;
}

/** tf.nn.l2_normalize: x / sqrt(max(Σx², 1e-12)) along the last axis. */
export function l2Normalize<T extends Tensor>(x: T): T {
  return tf.tidy(() => {
    const sq = x.rank === 2 ? rowSum(tf.square(x) as Tensor2D) : tf.sum(tf.square(x), -1, true);
    return tf.mul(x, tf.rsqrt(tf.maximum(sq, 1e-12))) as T;
  });
}

/**
 * Rows of `x` picked by `idx`. tfjs differentiates gather through UnsortedSegmentSum, which the
 * wasm backend lacks; scatterND (which sums duplicate indices) is available everywhere.
 */
export function gatherRows(x: Tensor2D, idx: Tensor1D): Tensor2D {
  const nRows = x.shape[0];
  const op = custom(([xx], save) => {
    save([idx]);
    return {
      value: tf.gather(xx, idx),
      gradFunc: (dy, [i]) => tf.scatterND(tf.reshape(i, [-1, 1]), dy, [nRows, dy.shape[1]!]),
    };
  });
  return op(x) as Tensor2D;
}

/** out[s] = Σ_{j: seg[j] = s} data[j]; the adjoint of gatherRows, and its gradient. */
export function segmentSum(data: Tensor2D, seg: Tensor1D, nSegments: number): Tensor2D {
  const op = custom(([d], save) => {
    save([seg]);
    return {
      value: tf.scatterND(tf.reshape(seg, [-1, 1]), d, [nSegments, d.shape[1]!]),
      gradFunc: (dy, [s]) => tf.gather(dy, s),
    };
  });
  return op(data) as Tensor2D;
}

/**
 * a · bᵀ. On wasm a transposed matmul (and so autodiff's backward pass) runs ~10× slower than a
 * plain one, so every product here is plain, after an explicit transpose. XNNPACK also repacks
 * the right-hand operand of every product, so for b's gradient the big dy is transposed and put
 * on the left (dyᵀ · a) rather than streamed as the right-hand side of aᵀ · dy (~12 % of a
 * MacridVAE step on ml-latest-small).
 */
export function matMulNT(a: Tensor2D, b: Tensor2D): Tensor2D {
  const op = custom(([aa, bb], save) => {
    save([aa, bb]);
    return {
      value: tf.matMul(aa as Tensor2D, tf.transpose(bb as Tensor2D)),
      gradFunc: (dy, [sa, sb]) => {
        const g = dy as Tensor2D;
        return [tf.matMul(g, sb as Tensor2D), tf.matMul(tf.transpose(g), sa as Tensor2D)];
      },
    };
  });
  return op(a, b) as Tensor2D;
}

/** a · b with the same explicit-transpose backward pass as matMulNT. */
export function matMul(a: Tensor2D, b: Tensor2D): Tensor2D {
  const op = custom(([aa, bb], save) => {
    save([aa, bb]);
    return {
      value: tf.matMul(aa as Tensor2D, bb as Tensor2D),
      gradFunc: (dy, [sa, sb]) => {
        const g = dy as Tensor2D;
        return [tf.matMul(g, tf.transpose(sb as Tensor2D)), tf.matMul(tf.transpose(sa as Tensor2D), g)];
      },
    };
  });
  return op(a, b) as Tensor2D;
}

/**
 * exp(x) for the mixture's bounded logits (|x| ≤ 1/τ). tfjs-wasm's Exp is a scalar libm loop
 * (~11 ns per element); its Sigmoid is XNNPACK's vectorised kernel, and σ(x)/σ(−x) = eˣ exactly,
 * computed this way to within a few ulp (σ(−x) keeps full relative precision where σ(x) → 1).
 */
export function boundedExp(x: Tensor): Tensor {
  if (tf.getBackend() !== 'wasm') return tf.exp(x);
  return tf.tidy(() => tf.div(tf.sigmoid(x), tf.sigmoid(tf.neg(x))));
}

/** p̃[b, i] = Σ_k c[i, k] · exp(s[b·K + k, i]) for s [B·K, M] and cT = Cᵀ [K, M] (scoring only: training uses decoder.ts). */
export function expMixture(s: Tensor2D, cT: Tensor2D): Tensor2D {
  const [K, M] = cT.shape;
  return tf.tidy(() => tf.sum(tf.mul(tf.reshape(boundedExp(s), [s.shape[0] / K, K, M]), cT), 1) as Tensor2D);
}
