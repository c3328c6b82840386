import { chooseBackend, type BackendChoice, type BackendName } from '../../core/backend';
import type { BackendStatus } from '../../protocol/engine';
import { BACKEND_ORDER } from '../../protocol/constants';
import './browser-tf';

async function webgpuAdapter(): Promise<BackendStatus['adapter'] | null> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!gpu) return null;
  const adapter = await gpu.requestAdapter();
  if (!adapter) return null;
  const info = adapter.info;
  const description = [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ') || 'unknown adapter';
  const isFallback =
    Boolean((adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter) || /swiftshader/i.test(description);
  return { description, isFallback };
}

/** The WebGL renderer's name, e.g. "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device ...))". */
function webglRenderer(): string | null {
  if (typeof OffscreenCanvas === 'undefined') return null;
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) return null;
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const name = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return name;
}

const SOFTWARE = /swiftshader|llvmpipe|lavapipe|software/i;

/**
 * WebGPU first when a real adapter exists, then WebGL. A software GPU (SwiftShader, as in
 * headless Chromium without a GPU) is correct but 10–100× slower than wasm, so it is passed over
 * unless the user forces that backend.
 */
export async function chooseBrowserBackend(forced?: BackendName | null): Promise<BackendStatus> {
  const adapter = await webgpuAdapter().catch(() => null);
  const order = forced ? [forced, ...BACKEND_ORDER.filter((b) => b !== forced)] : [...BACKEND_ORDER];
  const choice: BackendChoice = await chooseBackend(order, async (name) => {
    if (name === forced) return null;
    if (name === 'webgpu') {
      if (!adapter) return 'no WebGPU adapter';
      if (adapter.isFallback) return `software adapter (${adapter.description}) is slow`;
    }
    if (name === 'webgl') {
      let renderer: string | null = null;
      try {
        renderer = webglRenderer();
      } catch {
        renderer = null;
      }
      if (!renderer) return 'no WebGL2 context';
      if (SOFTWARE.test(renderer)) return `software renderer (${renderer.slice(0, 60)}) is slow`;
    }
    return null;
  });
  return { ...choice, ...(adapter ? { adapter } : {}) };
}
