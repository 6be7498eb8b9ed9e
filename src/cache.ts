// Work that should happen once per process (a module load, a version check), but again after it failed.

/**
 * A promise cache by key: callers share one pending promise, and a rejected one is forgotten so the next call
 * retries.
 */
export function promiseCache<K, V>(): (key: K, make: () => Promise<V>) => Promise<V> {
  const pending = new Map<K, Promise<V>>();
  return (key, make) => {
    let promise = pending.get(key);
    if (!promise) {
      promise = make();
      promise.catch(() => pending.delete(key));
      pending.set(key, promise);
    }
    return promise;
  };
}
