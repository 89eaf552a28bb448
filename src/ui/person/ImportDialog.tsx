/** Placeholder for the import (built by another engineer): the file input exists, the import follows. */
import { useState } from 'react';
import { Dialog } from '../components/Dialog';
import { useT } from '../i18n';

export function ImportDialog({ onClose }: { onClose: () => void }) {
  const tr = useT();
  const [fileName, setFileName] = useState('');
  return (
    <Dialog title={tr('ui.import.title')} onCancel={onClose}>
      <p>{tr('ui.import.intro')}</p>
      <div className="field">
        <label htmlFor="import-file">{tr('ui.import.file')}</label>
        <input id="import-file" type="file" accept=".vcf,.vcard,.csv,text/vcard,text/csv" onChange={(e) => setFileName(e.target.files?.[0]?.name ?? '')} />
      </div>
      {fileName && <p role="status">{tr('ui.import.follows', { file: fileName })}</p>}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {tr('ui.close')}
        </button>
      </div>
    </Dialog>
  );
}
