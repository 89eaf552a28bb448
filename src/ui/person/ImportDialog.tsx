/**
 * "Importieren": the dialog opens at once; its content (the parsers, papaparse, the preview) is
 * loaded with import() the first time, so none of it is in the start bundle.
 */
import { useCallback, useRef } from 'react';
import { lazyWithMessages } from '../lazyWithMessages';
import { LazyPart } from '../components/LazyPart';
import { Dialog } from '../components/Dialog';
import { useT } from '../i18n';

const ImportFlow = lazyWithMessages(() => import('../import/ImportFlow'));

export function ImportDialog({ onClose }: { onClose: () => void }) {
  const tr = useT();
  // Escape goes through the flow: while the import is written it cancels instead of closing.
  const cancel = useRef<() => void>(onClose);
  const setCancelHandler = useCallback((handler: () => void) => {
    cancel.current = handler;
  }, []);
  return (
    <Dialog title={tr('ui.import.title')} onCancel={() => cancel.current()}>
      <LazyPart fallback={<p role="status">{tr('ui.loading')}</p>}>
        <ImportFlow onClose={onClose} setCancelHandler={setCancelHandler} />
      </LazyPart>
    </Dialog>
  );
}
