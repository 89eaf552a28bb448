/**
 * Whether an error is a lazy chunk that failed to load: the app was updated under this open tab
 * (another tab accepted the update, or this one never saw it waiting) and the old version's files
 * are gone, or a file is not at hand offline. Each browser words a failed dynamic import its own
 * way (a TypeError); Vite's preload says so for a chunk's stylesheet.
 */
const CHUNK_FAILED = [
  'Failed to fetch dynamically imported module', // Chromium
  'error loading dynamically imported module', // Firefox
  'Importing a module script failed', // WebKit
  'Unable to preload CSS for', // Vite's preload (its vite:preloadError event left to its default)
].map((words) => words.toLowerCase());

export function isChunkLoadError(error: unknown): boolean {
  const message = (error as { message?: unknown } | null)?.message;
  if (typeof message !== 'string') return false;
  const lower = message.toLowerCase();
  return CHUNK_FAILED.some((words) => lower.includes(words));
}
