/**
 * Resolves on the next macrotask, so queued messages (pause, stop, slider moves) run between
 * training batches. Not requestAnimationFrame: it pauses in background tabs and workers lack it.
 */
export function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(0);
  });
}
