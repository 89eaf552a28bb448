/** Types of syncServer.mjs, for the tests. */
export interface SyncServer {
  /** Base address, ending in '/'. */
  url: string;
  pid: number;
  admin: { username: string; password: string };
  /** Ends this server's process (SIGTERM, then SIGKILL) and waits until it is gone. */
  stop(): Promise<void>;
}
export function startSyncServer(): Promise<SyncServer>;
