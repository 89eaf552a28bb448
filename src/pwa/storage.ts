/**
 * Storage persistence: eviction deletes the whole origin (data and app), so the user may ask the
 * browser to keep it. Never asked automatically on first load (browsers may prompt or refuse).
 */
export interface StorageState {
  usage: number | null;
  quota: number | null;
  persisted: boolean | null;
}

export async function readStorageState(): Promise<StorageState> {
  const storage = navigator.storage as StorageManager | undefined;
  if (!storage) return { usage: null, quota: null, persisted: null };
  const [estimate, persisted] = await Promise.all([
    storage.estimate ? storage.estimate() : Promise.resolve({} as StorageEstimate),
    storage.persisted ? storage.persisted() : Promise.resolve(null),
  ]);
  return { usage: estimate.usage ?? null, quota: estimate.quota ?? null, persisted };
}

/** Asks the browser to keep the data; true when granted. */
export async function requestPersistence(): Promise<boolean> {
  return navigator.storage?.persist ? navigator.storage.persist() : false;
}

export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toLocaleString(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`;
}
