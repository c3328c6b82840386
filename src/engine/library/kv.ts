/**
 * The storage the library writes to: IndexedDB in the browser (engine/host/idb-store.ts), memory in
 * Node and where IndexedDB cannot be opened. `setMany` is one transaction: all of it or none.
 */
export interface KeyValueStore {
  readonly persistent: boolean;
  get<T>(key: string): Promise<T | undefined>;
  setMany(entries: [string, unknown][]): Promise<void>;
  delMany(keys: string[]): Promise<void>;
  keys(): Promise<string[]>;
}

export class MemoryStore implements KeyValueStore {
  readonly persistent = false;
  protected readonly map = new Map<string, unknown>();

  async get<T>(key: string): Promise<T | undefined> {
    return this.map.get(key) as T | undefined;
  }

  async setMany(entries: [string, unknown][]): Promise<void> {
    for (const [k, v] of entries) this.map.set(k, structuredClone(v));
  }

  async delMany(keys: string[]): Promise<void> {
    for (const k of keys) this.map.delete(k);
  }

  async keys(): Promise<string[]> {
    return [...this.map.keys()];
  }
}

/** The error a browser throws when the origin's storage quota is used up. */
export function isQuotaError(e: unknown): boolean {
  return e instanceof Error && (e.name === 'QuotaExceededError' || /quota/i.test(e.message));
}

/** Bytes a value takes, roughly: typed arrays exactly, strings at two bytes a character. */
export function sizeOf(value: unknown, seen = new Set<unknown>()): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'string') return 2 * value.length;
  if (typeof value !== 'object') return 8;
  if (seen.has(value)) return 0;
  seen.add(value);
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (value instanceof Map) return [...value].reduce((n, [k, v]) => n + sizeOf(k, seen) + sizeOf(v, seen), 0);
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + sizeOf(v, seen), 0);
  return Object.entries(value).reduce((n, [k, v]) => n + 2 * k.length + sizeOf(v, seen), 0);
}

/**
 * A store with a byte budget that refuses a write past it as a browser does (QuotaExceededError,
 * nothing of the write kept): for tests of what a full disk must not cost.
 */
export class LimitedStore implements KeyValueStore {
  readonly persistent: boolean;
  private used = new Map<string, number>();

  constructor(
    private readonly inner: KeyValueStore,
    private readonly budget: number,
  ) {
    this.persistent = inner.persistent;
  }

  get<T>(key: string): Promise<T | undefined> {
    return this.inner.get<T>(key);
  }

  async setMany(entries: [string, unknown][]): Promise<void> {
    const next = new Map(this.used);
    for (const [k, v] of entries) next.set(k, sizeOf(v));
    const total = [...next.values()].reduce((a, b) => a + b, 0);
    if (total > this.budget) {
      const e = new Error(`the storage quota (${this.budget} bytes) would be exceeded`);
      e.name = 'QuotaExceededError';
      throw e;
    }
    await this.inner.setMany(entries);
    this.used = next;
  }

  async delMany(keys: string[]): Promise<void> {
    await this.inner.delMany(keys);
    for (const k of keys) this.used.delete(k);
  }

  keys(): Promise<string[]> {
    return this.inner.keys();
  }
}
