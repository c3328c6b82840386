import { chooseBackend, type BackendName } from '../core/backend';

/** Node has wasm (SIMD, single thread) and cpu; tfjs-node's native binary cannot be installed here. */
export async function useNodeBackend(requested?: string): Promise<string> {
  const order: BackendName[] = requested ? [requested as BackendName] : ['wasm', 'cpu'];
  const choice = await chooseBackend(order);
  return choice.name;
}
