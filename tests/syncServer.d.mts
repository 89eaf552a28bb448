/** Types of syncServer.mjs, for the tests. */
export interface SyncServer {
  /** Base address, ending in '/'. */
  url: string;
  pid: number;
  admin: { username: string; password: string };
  /** Ends this server's process (SIGTERM, then SIGKILL) and waits until it is gone. */
  stop(): Promise<void>;
  /** Why the process ended if it ended without stop() (its code or signal and last output). */
  endedUnasked(): string | undefined;
}
export function startSyncServer(): Promise<SyncServer>;
