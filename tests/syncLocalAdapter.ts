// The Node tests' stand-in for src/data/sync/localAdapter.ts (aliased in vitest.config.ts).
export const LOCAL_ADAPTER = 'memory';

export async function localAdapterPlugin(): Promise<unknown> {
  return (await import('pouchdb-adapter-memory')).default;
}
