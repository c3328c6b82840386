import { tf, type Scalar, type Tensor2D, type Variable } from '../tf';
import type { SparseBatch } from './batch';
import { truncatedNormal, variableScope, xavierUniform } from './init';
import { l2Sum, logitsNll } from './likelihood';
import { multHidden } from './mult-encoder';
import { matMul } from './ops';
import { Rng, type NoiseSource } from './random';
import type { LossParts, MultConfig, Recommender, StepNoise } from './types';

/** Mult-DAE (Liang et al. 2018) at the paper's ≈ 2Md budget: [M → d (tanh) → M]. */
export class MultDAE implements Recommender {
  readonly w0: Variable;
  readonly b0: Variable;
  readonly w1: Variable;
  readonly b1: Variable;
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
    this.w1 = v(xavierUniform(rng, d, M), [d, M], 'w1');
    this.b1 = v(truncatedNormal(rng, M, 0.001), [M], 'b1');
    this.variables = [this.w0, this.b0, this.w1, this.b1];
  }

  private logits(batch: SparseBatch, rng?: NoiseSource): Tensor2D {
    const h = multHidden(batch, this.w0, this.b0, this.config.keep, rng);
    return tf.add(matMul(h, this.w1 as Tensor2D), this.b1) as Tensor2D;
  }

  loss(batch: SparseBatch, _anneal: number, noise: StepNoise): LossParts {
    let recon!: Scalar;
    const loss = tf.tidy(() => {
      recon = tf.keep(logitsNll(this.logits(batch, noise.rng), batch));
      const reg = this.config.reg;
      return (reg > 0 ? tf.add(recon, tf.mul(l2Sum([this.w0, this.w1]), reg)) : tf.clone(recon)) as Scalar;
    });
    return { loss, recon, kl: tf.keep(tf.scalar(0)) };
  }

  scores(batch: SparseBatch): Tensor2D {
    return tf.tidy(() => this.logits(batch));
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}
