/**
 * The one module that imports TensorFlow.js. Everything else imports `tf` from here, so the
 * kernels, gradients and backends that get registered are decided in one place.
 * The union package is used (not tfjs-core alone) because only its Node build registers the
 * gradient functions; tfjs-core's Node bundle ships none.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

export { tf };
export type Tensor = tf.Tensor;
export type Tensor1D = tf.Tensor1D;
export type Tensor2D = tf.Tensor2D;
export type Tensor3D = tf.Tensor3D;
export type Scalar = tf.Scalar;
export type Variable = tf.Variable;

// The threaded wasm build hangs in minified production bundles, and threads gain nothing on the
// 2-core machines this runs on.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
