import { tf, type Scalar, type Tensor2D, type Variable } from '../tf';
import type { SparseBatch } from './batch';
import { truncatedNormal, variableScope, xavierUniform } from './init';
import { l2Sum, logitsNll } from './likelihood';
import { multHidden } from './mult-encoder';
import { matMul } from './ops';
import { Rng, type NoiseSource } from './random';
import type { LossParts, MultConfig, Recommender, StepNoise } from './types';

/**
 * β-Mult-VAE (Liang et al. 2018) at the paper's ≈ 2Md budget: encoder [M → d (tanh) → 2d]
 * giving μ and log σ², decoder [d → M]. Prior N(0, I), KL with the μ² term (μ is not normalised).
 */
export class MultVAE implements Recommender {
  readonly w0: Variable;
  readonly b0: Variable;
  readonly w1: Variable;
  readonly b1: Variable;
  readonly w2: Variable;
  readonly b2: Variable;
  readonly variables: Variable[];

  constructor(
    readonly config: MultConfig,
    seed: number,
  ) {
    const { nItems: M, d } = config;
    const rng = new Rng(seed);
    const v = variableScope();
    this.w0 = v(xavierUniform(rng, M, d), [M, d], 'w0');
    this.b0 = v(truncatedNormal(rng, d, 0.001), [d], 'b0');
    this.w1 = v(xavierUniform(rng, d, 2 * d), [d, 2 * d], 'w1');
    this.b1 = v(truncatedNormal(rng, 2 * d, 0.001), [2 * d], 'b1');
    this.w2 = v(xavierUniform(rng, d, M), [d, M], 'w2');
    this.b2 = v(truncatedNormal(rng, M, 0.001), [M], 'b2');
    this.variables = [this.w0, this.b0, this.w1, this.b1, this.w2, this.b2];
  }

  private encode(batch: SparseBatch, rng?: NoiseSource): { mu: Tensor2D; logvar: Tensor2D } {
    const d = this.config.d;
    const h = multHidden(batch, this.w0, this.b0, this.config.keep, rng);
    const o = tf.add(matMul(h, this.w1 as Tensor2D), this.b1) as Tensor2D;
    return { mu: tf.slice(o, [0, 0], [batch.nUsers, d]), logvar: tf.slice(o, [0, d], [batch.nUsers, d]) };
  }

  /** Evaluation-mode μ [nUsers, d], the latent a traversal moves. */
  encodeMean(batch: SparseBatch): Tensor2D {
    return tf.tidy(() => {
      const { mu, logvar } = this.encode(batch);
      logvar.dispose();
      return mu;
    });
  }

  private decode(z: Tensor2D): Tensor2D {
    return tf.add(matMul(z, this.w2 as Tensor2D), this.b2) as Tensor2D;
  }

  loss(batch: SparseBatch, anneal: number, noise: StepNoise): LossParts {
    const B = batch.nUsers;
    let kl!: Scalar;
    let recon!: Scalar;
    const loss = tf.tidy(() => {
      const { mu, logvar } = this.encode(batch, noise.rng);
      kl = tf.keep(tf.div(tf.mul(tf.sum(tf.add(tf.sub(tf.exp(logvar), tf.add(logvar, 1)), tf.square(mu))), 0.5), B));
      const eps = tf.tensor2d(noise.rng.normals(mu.size), mu.shape);
      const z = tf.add(mu, tf.mul(tf.exp(tf.mul(logvar, 0.5)), eps)) as Tensor2D;
      recon = tf.keep(logitsNll(this.decode(z), batch));
      let total = tf.add(recon, tf.mul(kl, anneal));
      const reg = this.config.reg;
      if (reg > 0) total = tf.add(total, tf.mul(l2Sum([this.w0, this.w1, this.w2]), reg));
      return total as Scalar;
    });
    return { loss, recon, kl };
  }

  scores(batch: SparseBatch): Tensor2D {
    return tf.tidy(() => this.decode(this.encode(batch).mu));
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}
