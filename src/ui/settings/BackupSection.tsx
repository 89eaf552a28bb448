/**
 * Backup and restore (built by another engineer): one encrypted file out, restored
 * all-or-nothing. Until then the buttons exist, disabled, and say why.
 */
import { useT } from '../i18n';

export function BackupSection() {
  const tr = useT();
  return (
    <section className="card" aria-labelledby="backup-title">
      <h2 id="backup-title">{tr('ui.backup.title')}</h2>
      <p>{tr('ui.backup.explain')}</p>
      <div className="actions">
        <button type="button" disabled aria-describedby="backup-follows" title={tr('ui.backup.follows')}>
          {tr('ui.backup.create')}
        </button>
        <button type="button" disabled aria-describedby="backup-follows" title={tr('ui.backup.follows')}>
          {tr('ui.backup.restore')}
        </button>
      </div>
      <p id="backup-follows" className="muted">
        {tr('ui.backup.follows')}
      </p>
    </section>
  );
}
