// Debian's Chromium, headless on a machine without a GPU, for the browser tests and benchmarks.
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
