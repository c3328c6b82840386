import { createStore, delMany, get, keys, setMany, type UseStore } from 'idb-keyval';
import type { KeyValueStore } from '../library/kv';

/** The library's storage in the browser: one IndexedDB object store, each setMany one transaction. */
export class IdbStore implements KeyValueStore {
  readonly persistent = true;
  private constructor(private readonly db: UseStore) {}

  /** Null where IndexedDB cannot be opened (private windows of some browsers, blocked storage). */
  static async open(): Promise<IdbStore | null> {
    if (typeof indexedDB === 'undefined') return null;
    try {
      const db = createStore('macridvae-explorer', 'library');
      await get('session', db);
      return new IdbStore(db);
    } catch {
      return null;
    }
  }

  get<T>(key: string): Promise<T | undefined> {
    return get<T>(key, this.db);
  }

  setMany(entries: [string, unknown][]): Promise<void> {
    return setMany(entries, this.db);
  }

  delMany(keys: string[]): Promise<void> {
    return delMany(keys, this.db);
  }

  keys(): Promise<string[]> {
    return keys<string>(this.db).then((k) => k.map(String));
  }
}
