import { tf, type Scalar, type Tensor2D, type Tensor3D, type Variable } from '../tf';
import type { SparseBatch } from './batch';
import { truncatedNormal, variableScope, xavierUniform } from './init';
import { expMixture, gatherRows, l2Normalize, matMul, matMulNT, segmentSum } from './ops';
import { Rng, type NoiseSource } from './random';
import { sparseAggregate } from './sparse-aggregate';
import { l2Sum } from './likelihood';
import { backendLimits, mixtureNll } from './decoder';
import { tensorBudget, usersPerChunk } from '../tensor-budget';
import type { AnchorTargets, LossParts, MacridConfig, Recommender, StepNoise } from './types';

export interface Concepts {
  assignment: Float32Array;
  prototypes: Float32Array;
  items: Float32Array;
}

/**
 * MacridVAE (Ma et al. 2019) as the official code computes it (SPEC §1, §7). The first encoder
 * layer reads only the clicked items (gather + segment sum) instead of multiplying a dense
 * B × M input, which is the same math: see macridvae.test.ts.
 */
export class MacridVAE implements Recommender {
  readonly items: Variable;
  readonly cores: Variable;
  readonly w0: Variable;
  readonly b0: Variable;
  readonly w1: Variable;
  readonly b1: Variable;
  readonly variables: Variable[];
  /** when set (and λ > 0, with labelled items), the training loss adds the anchoring term */
  anchors: AnchorTargets | null = null;
  /** bytes one decoder tensor (training and scoring) may take; null: the backend's (core/tensor-budget.ts) */
  decoderBudget: number | null = null;

  constructor(
    readonly config: MacridConfig,
    seed: number,
  ) {
    const { nItems: M, K, d } = config;
    const rng = new Rng(seed);
    const v = variableScope();
    this.items = v(xavierUniform(rng, M, d), [M, d], 'items');
    this.cores = v(xavierUniform(rng, K, d), [K, d], 'cores');
    this.w0 = v(xavierUniform(rng, M, d), [M, d], 'w0');
    this.b0 = v(truncatedNormal(rng, d, 0.001), [d], 'b0');
    this.w1 = v(xavierUniform(rng, d, 2 * d), [d, 2 * d], 'w1');
    this.b1 = v(truncatedNormal(rng, 2 * d, 0.001), [2 * d], 'b1');
    this.variables = [this.items, this.cores, this.w0, this.b0, this.w1, this.b1];
  }

  /** Soft item→concept assignment C [M, K]; with noise, one Gumbel draw for the whole matrix. */
  assignments(rng?: NoiseSource): Tensor2D {
    const { nItems: M, K, tau } = this.config;
    return tf.tidy(() => {
      const logits = tf.mul(matMulNT(l2Normalize(this.items as Tensor2D), l2Normalize(this.cores as Tensor2D)), 1 / tau);
      if (!rng) return tf.softmax(logits) as Tensor2D;
      return tf.softmax(tf.add(logits, tf.tensor2d(rng.gumbels(M * K), [M, K]))) as Tensor2D;
    });
  }

  /** Encoder: [B·K, d] means (unit norm) and λ = ln σ² − ln σ0², component-major within a user. */
  private encodeParts(batch: SparseBatch, c: Tensor2D, rng?: NoiseSource): { mu: Tensor2D; lam: Tensor2D } {
    const { K, d, keep } = this.config;
    const B = batch.nUsers;
    const nnz = batch.cols.length;
    const rows = tf.tensor1d(batch.rows, 'int32');
    const cols = tf.tensor1d(batch.cols, 'int32');
    const cNz = gatherRows(c, cols);
    const sq = segmentSum(tf.square(cNz), rows, B);
    const vals = tf.mul(cNz, gatherRows(tf.rsqrt(tf.maximum(sq, 1e-12)) as Tensor2D, rows)) as Tensor2D;
    const mask = rng ? rng.dropoutMask(nnz * K, keep) : undefined;
    const agg = sparseAggregate(vals, this.w0 as Tensor2D, batch.rows, batch.cols, B, mask);
    const hidden = tf.tanh(tf.add(agg, this.b0)) as Tensor2D;
    const out = tf.add(matMul(hidden, this.w1 as Tensor2D), this.b1) as Tensor2D;
    const mu = l2Normalize(tf.slice(out, [0, 0], [B * K, d]) as Tensor2D);
    const lam = tf.neg(tf.slice(out, [0, d], [B * K, d])) as Tensor2D;
    return { mu, lam };
  }

  /** bytes one decoder tensor may take: decoderBudget, else the backend's tensorBudget */
  budget(): number {
    return this.decoderBudget ?? tensorBudget(backendLimits());
  }

  /** Users whose [users·K, M] logits fit in one decoder tensor. */
  usersPerChunk(): number {
    return usersPerChunk(this.budget(), this.config.K, this.config.nItems);
  }

  scoreUsers(): number {
    return usersPerChunk(this.budget(), 1, this.config.nItems);
  }

  /**
   * log p̃ [B, M], p̃ = Σ_k c_ik exp(cos(z_k, h_i)/τ), for z given as [B·K, d], a chunk of users
   * at a time so that no [users·K, M] tensor exceeds the decoder budget.
   */
  private logMixture(z: Tensor2D, c: Tensor2D): Tensor2D {
    const { K, d, tau } = this.config;
    const B = z.shape[0] / K;
    const chunk = this.usersPerChunk();
    return tf.tidy(() => {
      const hn = l2Normalize(this.items as Tensor2D);
      const cT = tf.transpose(c);
      const part = (zc: Tensor2D) => tf.log(expMixture(matMulNT(tf.mul(l2Normalize(zc), 1 / tau) as Tensor2D, hn), cT)) as Tensor2D;
      if (B <= chunk) return part(z);
      const parts: Tensor2D[] = [];
      for (let u0 = 0; u0 < B; u0 += chunk) {
        const b = Math.min(chunk, B - u0);
        parts.push(tf.tidy(() => part(tf.slice(z, [u0 * K, 0], [b * K, d]) as Tensor2D)));
      }
      return tf.concat(parts) as Tensor2D;
    });
  }

  loss(batch: SparseBatch, anneal: number, noise: StepNoise): LossParts {
    const { sigma0, reg, gumbel } = this.config;
    const B = batch.nUsers;
    let kl!: Scalar;
    let recon!: Scalar;
    const loss = tf.tidy(() => {
      const rng = noise.rng;
      const c = this.assignments(gumbel ? rng : undefined);
      const hn = l2Normalize(this.items as Tensor2D);
      const { mu, lam } = this.encodeParts(batch, c, rng);
      kl = tf.keep(tf.div(tf.mul(tf.sum(tf.sub(tf.add(tf.neg(lam), tf.exp(lam)), 1)), 0.5), B));
      const eps = tf.tensor2d(rng.normals(mu.size), mu.shape);
      const z = tf.add(mu, tf.mul(tf.mul(tf.exp(tf.mul(lam, 0.5)), sigma0), eps)) as Tensor2D;
      const zn = tf.mul(l2Normalize(z), 1 / this.config.tau) as Tensor2D;
      recon = tf.keep(mixtureNll(zn, hn, tf.transpose(c), batch, this.usersPerChunk()));
      let total = tf.add(recon, tf.mul(kl, anneal));
      if (this.anchoring) total = tf.add(total, this.anchorLoss(hn));
      if (reg > 0) total = tf.add(total, tf.mul(l2Sum([this.w0, this.w1, this.items, this.cores]), reg));
      return total as Scalar;
    });
    return { loss, recon, kl };
  }

  private get anchoring(): boolean {
    return this.anchors !== null && this.anchors.weight > 0 && this.anchors.items.length > 0;
  }

  /**
   * λ · mean over labelled items of the cross-entropy between softmax_k(cos(h_i, p_k)/τ) and the
   * item's target; 0 without anchors. `hn` is the L2-normalised item matrix when the caller has it.
   */
  anchorLoss(hn?: Tensor2D): Scalar {
    return tf.tidy(() => {
      if (!this.anchoring) return tf.scalar(0);
      const { items, targets, weight } = this.anchors!;
      const { K, tau } = this.config;
      const L = items.length;
      const h = gatherRows(hn ?? l2Normalize(this.items as Tensor2D), tf.tensor1d(items, 'int32'));
      const logits = tf.mul(matMulNT(h, l2Normalize(this.cores as Tensor2D)), 1 / tau);
      const ce = tf.sum(tf.mul(tf.tensor2d(targets, [L, K]), tf.logSoftmax(logits)));
      return tf.mul(ce, -weight / L) as Scalar;
    });
  }

  scores(batch: SparseBatch): Tensor2D {
    return tf.tidy(() => {
      const c = this.assignments();
      return this.logMixture(this.encodeParts(batch, c).mu, c);
    });
  }

  /** The users' K component means μ_k, [B, K, d] (evaluation mode: soft C, no dropout). */
  encode(batch: SparseBatch): Tensor3D {
    const { K, d } = this.config;
    return tf.tidy(() => tf.reshape(this.encodeParts(batch, this.assignments()).mu, [batch.nUsers, K, d]) as Tensor3D);
  }

  /** Scores [B, M] of latent vectors z given as [B, K, d] (each component is re-normalised). */
  scoreLatent(z: Tensor3D): Tensor2D {
    const { K, d } = this.config;
    return tf.tidy(() => {
      return this.logMixture(tf.reshape(z, [z.shape[0] * K, d]) as Tensor2D, this.assignments());
    });
  }

  /** Item→concept assignment C [M×K] (evaluation mode: soft), prototypes P [K×d], item vectors H [M×d]. */
  async concepts(): Promise<Concepts> {
    const c = this.assignments();
    const [assignment, prototypes, items] = await Promise.all([c.data(), this.cores.data(), this.items.data()]);
    c.dispose();
    return { assignment: assignment as Float32Array, prototypes: prototypes as Float32Array, items: items as Float32Array };
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}
