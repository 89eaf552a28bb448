/**
 * The import, inside the "Importieren" dialog: choose one or several files, read and parse each,
 * show a preview per file (FilePreview), the Art and "Privat" for the rows whose file does not
 * give them, likely duplicates across all of them, then one purpose and one comment for the
 * batch, and write it all-or-nothing with a progress bar and a cancel button. Loaded with
 * import() when the dialog opens: the parsers (and papaparse) are not in the start bundle.
 */
import { useEffect, useMemo, useRef, useState, type SubmitEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { PERSON_KINDS, displayName, type AsStored, type Person, type PersonKind } from '../../domain/person';
import { importPersons } from '../../data/commands/importPersons';
import { listPurposes } from '../../data/queries/purposes';
import { forEachPersonChunk } from '../../data/queries/directory';
import {
  ImportFileError,
  MAX_IMPORT_BYTES,
  findLikelyDuplicates,
  parseImportFile,
  remapCsvPreview,
  type CsvTarget,
  type ImportPreview,
} from '../../formats/import';
import { parseImportFileOffThread } from '../../formats/import/offThread';
import { db } from '../db';
import { alertText, errorMessage, useT, type AlertMessage, type Translate } from '../i18n';
import { href } from '../route';
import { useNoticeStore, useSession } from '../stores';
import { ErrorAlert } from '../components/ErrorAlert';
import { CheckboxField } from '../components/CheckboxField';
import { ProgressBar } from '../components/ProgressBar';
import { PurposeSelect } from '../person/PurposeSelect';
import { FilePreview } from './FilePreview';
import { Duplicates } from './Duplicates';
import { buildPlan, isDuplicate, type Decision, type StoredBrief } from './plan';
import './import.css';
import { formatNumber } from '../../i18n/locale';

interface ImportFlowProps {
  onClose: () => void;
  /** The dialog's Escape and close go through this: during the write it cancels instead. */
  setCancelHandler: (handler: () => void) => void;
}

/** A chosen file and what was read from it. */
interface ChosenFile {
  name: string;
  bytes: Uint8Array;
  preview: ImportPreview;
}

const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
const formatCount = (tr: Translate, n: number) => formatNumber(tr.lang, n);

/** Let the browser paint (the "reading" status) before a long synchronous parse. */
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** The stored persons, reduced to what the duplicate check and the choice list need. */
async function loadStored(): Promise<Map<string, StoredBrief>> {
  const map = new Map<string, StoredBrief>();
  await forEachPersonChunk(db, (persons: readonly AsStored<Person>[]) => {
    for (const p of persons) {
      map.set(p.id, {
        id: p.id,
        email: p.email,
        phone: p.phone,
        furtherPhones: p.furtherPhones ?? [],
        firstName: p.firstName,
        lastName: p.lastName,
        postalCode: p.postalCode,
        name: displayName(p),
        locked: p.lock != null,
      });
    }
  });
  return map;
}

export default function ImportFlow({ onClose, setCancelHandler }: ImportFlowProps) {
  const tr = useT();
  const session = useSession();
  const purposes = useLiveQuery(() => listPurposes(db), [], []);
  const fileInput = useRef<HTMLInputElement>(null);
  const readToken = useRef(0);
  const abort = useRef<AbortController | null>(null);

  const [phase, setPhase] = useState<'idle' | 'reading' | 'writing'>('idle');
  const [fileError, setFileError] = useState<AlertMessage | null>(null);
  const [files, setFiles] = useState<ChosenFile[]>([]);
  const [stored, setStored] = useState<Map<string, StoredBrief> | null>(null);
  const [kind, setKind] = useState<PersonKind>('contact');
  // Ansprechpartner are always natural persons; for the other kinds the batch says so (default: yes).
  const [isPrivate, setIsPrivate] = useState(true);
  const [decisions, setDecisions] = useState<Record<number, Decision>>({});
  const [forAll, setForAll] = useState<Decision | null>(null);
  const [purposeId, setPurposeId] = useState('');
  const [comment, setComment] = useState('');
  const [writeError, setWriteError] = useState<AlertMessage | null>(null);
  const [progress, setProgress] = useState({ done: 0, total: 0 });

  // The dialog opened before this module was loaded: focus the file input once it is there.
  useEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body || active.getAttribute('role') === 'dialog') fileInput.current?.focus();
  }, []);

  useEffect(() => {
    setCancelHandler(() => {
      if (abort.current) abort.current.abort();
      else onClose();
    });
  }, [onClose, setCancelHandler]);

  // All files' entries as one list: duplicates are found across files too.
  const candidates = useMemo(() => files.flatMap((f) => f.preview.candidates), [files]);
  const fileOf = useMemo(() => files.flatMap((f) => f.preview.candidates.map(() => f.name)), [files]);
  const entry = (index: number) => {
    const line = candidates[index]?.line ?? '?';
    return files.length > 1
      ? tr('ui.import.entryOf', { line, file: fileOf[index] ?? '' })
      : tr('ui.import.entry', { line });
  };
  const duplicates = useMemo(
    () => (stored ? findLikelyDuplicates(candidates, [...stored.values()]) : []),
    [candidates, stored],
  );
  const dupItems = useMemo(
    () =>
      candidates.flatMap((candidate, index) => {
        // None while the stored persons are still loading.
        const dups = duplicates.at(index);
        return dups && isDuplicate(dups, index) ? [{ index, candidate, dups }] : [];
      }),
    [candidates, duplicates],
  );
  const plan = useMemo(
    () => (files.length && stored ? buildPlan(candidates, duplicates, stored, decisions, forAll, isPrivate) : null),
    [files, candidates, stored, duplicates, decisions, forAll, isPrivate],
  );
  // Rows of our own export (or with a column mapped to Art or Privat) classify themselves.
  // A company card says only that it is no person (the kind is still the batch's, never Ansprechpartner).
  const classifiedByFile = useMemo(
    () => candidates.filter((c) => c.classification && !c.classification.company).length,
    [candidates],
  );
  // "Privat" is asked for the rows that need it from the batch: not contacts, not given in the file.
  const askPrivate = useMemo(
    () => candidates.some((c) => c.classification?.private === undefined && c.person.kind !== 'contact'),
    [candidates],
  );
  const count = plan ? plan.persons.length + plan.merges.length : 0;

  async function chooseFiles(chosen: readonly File[]) {
    const token = ++readToken.current;
    setFiles([]);
    setFileError(null);
    setWriteError(null);
    setDecisions({});
    setForAll(null);
    if (chosen.length === 0) return;
    // Refused before a byte is read: a huge file would only fill the memory.
    const tooLarge = chosen.find((f) => f.size > MAX_IMPORT_BYTES);
    if (tooLarge) {
      setFileError(
        fileProblem(
          tr,
          chosen,
          tooLarge.name,
          tr('import.error.tooLarge', { size: mb(tooLarge.size), max: mb(MAX_IMPORT_BYTES) }),
        ),
      );
      return;
    }
    setPhase('reading');
    const read: ChosenFile[] = [];
    const errors: AlertMessage[] = [];
    for (const f of chosen) {
      try {
        const bytes = new Uint8Array(await f.arrayBuffer());
        await nextFrame();
        if (token !== readToken.current) return;
        read.push({ name: f.name, bytes, preview: await parseImportFileOffThread(f.name, bytes, { kind }) });
      } catch (e) {
        errors.push(fileProblem(tr, chosen, f.name, readError(tr, e)));
      }
    }
    try {
      const brief = read.length ? (stored ?? (await loadStored())) : stored;
      if (token !== readToken.current) return;
      setStored(brief);
      setFiles(read);
      // One file's error as it is (a failed chunk keeps "Neu laden"); several, named by their files.
      setFileError(errors.length > 1 ? errors.map(alertText).join(' ') : (errors[0] ?? null));
    } catch (e) {
      if (token === readToken.current) setFileError(errorMessage(tr, e));
    } finally {
      if (token === readToken.current) setPhase('idle');
    }
  }

  /** Each file read again for the new Art (a CSV file keeps the mapping the user chose). */
  function changeKind(next: PersonKind) {
    setKind(next);
    try {
      setFiles(
        files.map((f) => ({
          ...f,
          preview: f.preview.csv
            ? remapCsvPreview(f.preview, f.preview.csv.mapping, f.name, { kind: next })
            : parseImportFile(f.name, f.bytes, { kind: next }),
        })),
      );
    } catch (e) {
      setFileError(readError(tr, e));
      setFiles([]);
    }
  }

  function changeMapping(index: number, column: number, target: CsvTarget | null) {
    setFiles((all) =>
      all.map((f, i) => {
        const csv = f.preview.csv;
        if (i !== index || !csv) return f;
        return { ...f, preview: remapCsvPreview(f.preview, { ...csv.mapping, [column]: target }, f.name, { kind }) };
      }),
    );
  }

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (!plan || files.length === 0 || phase !== 'idle') return;
    if (count === 0) {
      setWriteError(tr('ui.import.nothing'));
      return;
    }
    if (!purposeId) {
      setWriteError(tr('ui.reason.purposeRequired'));
      return;
    }
    if (!comment.trim()) {
      setWriteError(tr('ui.reason.commentRequired'));
      return;
    }
    setWriteError(null);
    setPhase('writing');
    setProgress({ done: 0, total: count });
    const controller = new AbortController();
    abort.current = controller;
    try {
      const result = await importPersons(
        db,
        session,
        {
          fileName: files.map((f) => f.name).join(', '),
          persons: plan.persons,
          merges: plan.merges,
        },
        { purposeId, comment: comment.trim() },
        (done, total) => setProgress({ done, total }),
        controller.signal,
      );
      const added =
        result.added === 1 ? tr('ui.import.doneOne') : tr('ui.import.done', { count: formatCount(tr, result.added) });
      const text = result.merged ? `${added} ${tr('ui.import.doneMerged', { merged: result.merged })}` : added;
      useNoticeStore.getState().setNotice(text, window.location.hash || href('personen'));
      abort.current = null;
      onClose();
    } catch (err) {
      abort.current = null;
      setWriteError(errorMessage(tr, err));
      setPhase('idle');
    }
  }

  const busy = phase !== 'idle';
  const writing = phase === 'writing';

  return (
    <div className="import-flow">
      <p>{tr('ui.import.intro')}</p>
      <div className="field">
        <label htmlFor="import-file">{tr('ui.import.file')}</label>
        <input
          ref={fileInput}
          id="import-file"
          type="file"
          multiple
          accept=".vcf,.vcard,.csv,text/vcard,text/csv"
          disabled={writing}
          aria-describedby={fileError ? 'import-file-error' : undefined}
          onChange={(e) => void chooseFiles([...(e.target.files ?? [])])}
        />
      </div>
      {phase === 'reading' && (
        <p role="status" className="muted">
          {tr('ui.import.reading')}
        </p>
      )}
      <ErrorAlert id="import-file-error" message={fileError} />

      {plan && (
        <form className="stack import-preview" onSubmit={submit} noValidate>
          <h3>{tr('ui.import.preview')}</h3>
          {files.length > 1 && (
            <p role="status">
              {tr('ui.import.fileCount', {
                count: files.length,
                total: formatCount(tr, candidates.length),
              })}
            </p>
          )}
          {files.map((f, i) => (
            <FilePreview
              key={f.name + String(i)}
              fileName={f.name}
              preview={f.preview}
              idPrefix={`import-file-${i}`}
              onMappingChange={(column, target) => changeMapping(i, column, target)}
              disabled={busy}
            />
          ))}
          <div className="import-section">
            <div className="field import-kind">
              <label htmlFor="import-kind">{tr('field.kind')}</label>
              <select
                id="import-kind"
                value={kind}
                disabled={busy}
                aria-describedby="import-kind-hint"
                onChange={(e) => changeKind(e.target.value as PersonKind)}
              >
                {PERSON_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {tr(`kind.${k}`)}
                  </option>
                ))}
              </select>
              <p className="hint" id="import-kind-hint">
                {classifiedByFile > 0
                  ? tr('ui.import.kindFromFile', {
                      count: formatCount(tr, classifiedByFile),
                      total: formatCount(tr, candidates.length),
                    })
                  : tr('ui.import.kindHint')}
              </p>
            </div>
            {askPrivate && (
              <CheckboxField
                label={tr('field.private')}
                checked={isPrivate}
                disabled={busy}
                onChange={setIsPrivate}
                hint={tr('ui.import.privateHint')}
              />
            )}
          </div>

          {dupItems.length > 0 && stored && (
            <Duplicates
              items={dupItems}
              entry={entry}
              stored={stored}
              decisions={decisions}
              forAll={forAll}
              disabled={busy}
              onDecide={(index, d) => setDecisions((all) => ({ ...all, [index]: d }))}
              onDecideAll={(d) => {
                setForAll(d);
                setDecisions({});
              }}
            />
          )}

          {candidates.length > 0 && (
            <fieldset className="import-section import-reason" disabled={busy}>
              <legend>{tr('ui.import.batchReason')}</legend>
              <PurposeSelect purposes={purposes} value={purposeId} onChange={setPurposeId} />
              <div className="field">
                <label htmlFor="import-comment">{tr('ui.reason.comment')}</label>
                <textarea
                  autoComplete="off"
                  id="import-comment"
                  rows={2}
                  value={comment}
                  onChange={(e) => setComment(e.target.value)}
                  required
                  aria-required="true"
                />
              </div>
            </fieldset>
          )}

          {writing && (
            <ProgressBar
              label={tr('ui.import.progressLabel')}
              text={tr('ui.import.progressText', {
                done: formatCount(tr, progress.done),
                total: formatCount(tr, progress.total),
              })}
              done={progress.done}
              total={progress.total}
            />
          )}

          <ErrorAlert message={writeError} />
          <div className="dialog-actions">
            <button type="submit" className="primary" disabled={busy || count === 0}>
              {count === 1 ? tr('ui.import.submitOne') : tr('ui.import.submit', { count: formatCount(tr, count) })}
            </button>
            <button type="button" onClick={() => (abort.current ? abort.current.abort() : onClose())}>
              {tr('ui.cancel')}
            </button>
          </div>
        </form>
      )}

      {!plan && (
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {tr(fileError ? 'ui.close' : 'ui.cancel')}
          </button>
        </div>
      )}
    </div>
  );
}

/** A file's problem, named by the file when several were chosen. */
function fileProblem(tr: Translate, chosen: readonly File[], name: string, problem: AlertMessage): AlertMessage {
  return chosen.length > 1 ? tr('ui.import.fileProblem', { file: name, problem: alertText(problem) }) : problem;
}

const readError = (tr: Translate, e: unknown) =>
  e instanceof ImportFileError ? tr(e.messageKey, e.params) : errorMessage(tr, e);
