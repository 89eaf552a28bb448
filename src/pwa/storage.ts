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
  const storage = navigator.storage as Partial<StorageManager> | undefined; // missing in older WebKit
  if (!storage) return { usage: null, quota: null, persisted: null };
  const [estimate, persisted] = await Promise.all([
    storage.estimate ? storage.estimate() : Promise.resolve({} as StorageEstimate),
    storage.persisted ? storage.persisted() : Promise.resolve(null),
  ]);
  return { usage: estimate.usage ?? null, quota: estimate.quota ?? null, persisted };
}

/** What decides whether the browser may delete the app's data on its own. */
export interface StorageEnvironment {
  /** navigator.storage.persisted(); null where the browser lacks it (Safari on older iPads, WebKitGTK). */
  persisted: boolean | null;
  /** Running as an installed app: display-mode standalone, or navigator.standalone on iPad/iPhone. */
  installed: boolean;
  /** Safari on iPad/iPhone (it alone has navigator.standalone): the home screen is the way to keep data. */
  appleMobile: boolean;
}

/**
 * How safe the data is from the browser: `persistent` (the browser promised to keep it),
 * `installed` (a home-screen or installed app — exempt from Safari's rule that deletes a site's
 * storage after seven days without use), or `atRisk` with the advice that helps on this browser:
 * add to the home screen (Safari, or no persistence API to ask), or ask for persistent storage.
 */
export type StorageProtection =
  { kind: 'persistent' } | { kind: 'installed' } | { kind: 'atRisk'; advice: 'homeScreen' | 'persist' };

export function storageProtection(env: StorageEnvironment): StorageProtection {
  if (env.persisted === true) return { kind: 'persistent' };
  if (env.installed) return { kind: 'installed' };
  return { kind: 'atRisk', advice: env.appleMobile || env.persisted === null ? 'homeScreen' : 'persist' };
}

/** The environment as this browser reports it; `persisted` from readStorageState. */
export function readStorageEnvironment(persisted: boolean | null): StorageEnvironment {
  const apple = navigator as Navigator & { standalone?: boolean };
  // Not every browser (nor every test environment) has matchMedia.
  const view = window as Partial<Pick<Window, 'matchMedia'>>;
  const standalone = view.matchMedia?.('(display-mode: standalone)').matches ?? false;
  return { persisted, installed: standalone || apple.standalone === true, appleMobile: 'standalone' in apple };
}

/** Asks the browser to keep the data; true when granted. */
export async function requestPersistence(): Promise<boolean> {
  const storage = navigator.storage as Partial<StorageManager> | undefined;
  return storage?.persist ? storage.persist() : false;
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
