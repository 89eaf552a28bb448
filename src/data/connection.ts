/** The connection's life beside the data: what the app does when another tab upgrades the schema. */
import type { ConsentbookDB } from './db';

/**
 * Another tab upgraded the schema: this connection closes (so the upgrade can proceed) and
 * `onClosed` asks the user to reload. Returns the unsubscribe.
 */
export function closeOnVersionChange(db: ConsentbookDB, onClosed: () => void): () => void {
  const onVersionChange = () => {
    db.close();
    onClosed();
    return false;
  };
  db.on('versionchange', onVersionChange);
  return () => db.on('versionchange').unsubscribe(onVersionChange);
}
