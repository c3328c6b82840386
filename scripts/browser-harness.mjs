// Debian Chromium, headless on a machine without a GPU, and the built app served to it: for the browser tests and benchmarks.
import { spawn } from 'node:child_process';
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** WebGPU through SwiftShader (software: correct but slow). */
export const WEBGPU_FLAG = '--enable-unsafe-webgpu';

/** `vite preview` of the built app on `port`, once it answers; kill() the returned process when done. */
export async function startPreview(port) {
  const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort'], { stdio: 'ignore' });
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}`)).ok) return server;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  server.kill();
  throw new Error(`vite preview did not answer on port ${port}: build the app first (vite build --mode test)`);
}
