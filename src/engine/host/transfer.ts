import * as Comlink from 'comlink';

/**
 * Marks every typed array inside `value` (its fields, arrays and nested objects) for transfer
 * rather than copy when it crosses the worker wall. Only for results made for this one answer:
 * a transferred buffer is detached on this side, so anything the engine keeps (caches, the
 * selection's own arrays) must be copied first. Outside a Comlink answer (unit tests) it does nothing.
 */
export function fresh<T>(value: T): T {
  const buffers = new Set<ArrayBuffer>();
  collect(value, buffers, 0);
  return Comlink.transfer(value, [...buffers]);
}

function collect(v: unknown, out: Set<ArrayBuffer>, depth: number): void {
  if (v === null || typeof v !== 'object' || depth > 4) return;
  if (ArrayBuffer.isView(v)) {
    if (v.buffer instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength) out.add(v.buffer);
    return;
  }
  const items = Array.isArray(v) ? v : Object.values(v);
  for (const x of items) collect(x, out, depth + 1);
}
