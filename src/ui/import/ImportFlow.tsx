/**
 * The import, inside the "Importieren" dialog: choose a file, read and parse it, show a preview
 * (count, fields, Art, problems per card or row, warnings, CSV column mapping, likely
 * duplicates), then one purpose and one comment for the batch, and write it all-or-nothing with
 * a progress bar and a cancel button. Loaded with import() when the dialog opens: the parsers
 * (and papaparse) are not in the start bundle.
 */
import { useEffect, useMemo, useRef, useState, type SubmitEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { PERSON_KINDS, displayName, type PersonKind } from '../../domain/person';
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
  type ImportMessage,
  type ImportPreview,
  type ImportProblem,
} from '../../formats/import';
import { db } from '../db';
import { errorText, fieldLabel, useT, type Translate } from '../i18n';
import { href } from '../route';
import { useNoticeStore, useSession } from '../stores';
import { ErrorAlert } from '../components/ErrorAlert';
import { PurposeSelect } from '../person/PurposeSelect';
import { MappingTable } from './MappingTable';
import { Duplicates } from './Duplicates';
import { SKIP, buildPlan, isDuplicate, type Decision, type StoredBrief } from './plan';
import './import.css';
import { formatNumber } from '../../i18n/locale';

/** Long lists are cut: a file with 5,000 broken rows must not make the dialog unusable. */
const LIST_MAX = 100;

interface ImportFlowProps {
  onClose: () => void;
  /** The dialog's Escape and close go through this: during the write it cancels instead. */
  setCancelHandler: (handler: () => void) => void;
}

interface ChosenFile {
  name: string;
  bytes: Uint8Array;
}

const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
const ENCODING_LABEL: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16',
  'windows-1252': 'Windows-1252',
};

function problemText(tr: Translate, p: ImportProblem): string {
  const parts = [p.name, p.field ? fieldLabel(tr, p.field) : ''].filter(Boolean);
  const reason = tr(p.messageKey, p.params);
  return tr('import.problemAt', { line: p.line, reason: parts.length ? `${parts.join(' – ')}: ${reason}` : reason });
}

const messageText = (tr: Translate, m: ImportMessage) => tr(m.messageKey, m.params);
/** Entries refused: a refused card also names the fields it lost, so problems are counted by line. */
const refusedCount = (preview: ImportPreview) => new Set(preview.problems.map((p) => p.line)).size;
const formatCount = (tr: Translate, n: number) => formatNumber(tr.lang, n);

/** Let the browser paint (the "reading" status) before a long synchronous parse. */
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** The stored persons, reduced to what the duplicate check and the choice list need. */
async function loadStored(): Promise<Map<string, StoredBrief>> {
  const map = new Map<string, StoredBrief>();
  await forEachPersonChunk(db, (persons) => {
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
  const file = useRef<ChosenFile | null>(null);
  const readToken = useRef(0);
  const abort = useRef<AbortController | null>(null);

  const [phase, setPhase] = useState<'idle' | 'reading' | 'writing'>('idle');
  const [fileError, setFileError] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [stored, setStored] = useState<Map<string, StoredBrief> | null>(null);
  const [kind, setKind] = useState<PersonKind>('contact');
  // Ansprechpartner are always natural persons; for the other kinds the batch says so (default: yes).
  const [isPrivate, setIsPrivate] = useState(true);
  const [decisions, setDecisions] = useState<Record<number, Decision>>({});
  const [forAll, setForAll] = useState<Decision>(SKIP);
  const [purposeId, setPurposeId] = useState('');
  const [comment, setComment] = useState('');
  const [writeError, setWriteError] = useState<string | null>(null);
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

  const duplicates = useMemo(
    () => (preview && stored ? findLikelyDuplicates(preview.candidates, [...stored.values()]) : []),
    [preview, stored],
  );
  const dupItems = useMemo(
    () =>
      preview
        ? preview.candidates.flatMap((candidate, index) => {
            const dups = duplicates[index];
            return dups && isDuplicate(dups, index) ? [{ index, candidate, dups }] : [];
          })
        : [],
    [preview, duplicates],
  );
  const plan = useMemo(
    () => (preview && stored ? buildPlan(preview.candidates, duplicates, stored, decisions, forAll) : null),
    [preview, stored, duplicates, decisions, forAll],
  );
  const count = plan ? plan.persons.length + plan.merges.length : 0;

  async function chooseFile(chosen: File | undefined) {
    const token = ++readToken.current;
    file.current = null;
    setPreview(null);
    setFileError(null);
    setWriteError(null);
    setDecisions({});
    setForAll(SKIP);
    if (!chosen) return;
    // Refused before a byte is read: a huge file would only fill the memory.
    if (chosen.size > MAX_IMPORT_BYTES) {
      setFileError(tr('import.error.tooLarge', { size: mb(chosen.size), max: mb(MAX_IMPORT_BYTES) }));
      return;
    }
    setPhase('reading');
    try {
      const bytes = new Uint8Array(await chosen.arrayBuffer());
      await nextFrame();
      if (token !== readToken.current) return;
      const next = parseImportFile(chosen.name, bytes, { kind });
      const brief = stored ?? (await loadStored());
      if (token !== readToken.current) return;
      file.current = { name: chosen.name, bytes };
      setStored(brief);
      setPreview(next);
    } catch (e) {
      if (token !== readToken.current) return;
      setFileError(e instanceof ImportFileError ? tr(e.messageKey, e.params) : errorText(tr, e));
    } finally {
      if (token === readToken.current) setPhase('idle');
    }
  }

  function changeKind(next: PersonKind) {
    setKind(next);
    const current = file.current;
    if (!preview || !current) return;
    try {
      setPreview(
        preview.csv
          ? remapCsvPreview(preview, preview.csv.mapping, current.name, { kind: next })
          : parseImportFile(current.name, current.bytes, { kind: next }),
      );
    } catch (e) {
      setFileError(e instanceof ImportFileError ? tr(e.messageKey, e.params) : errorText(tr, e));
      setPreview(null);
    }
  }

  function changeMapping(column: number, target: CsvTarget | null) {
    const current = file.current;
    if (!preview?.csv || !current) return;
    setPreview(remapCsvPreview(preview, { ...preview.csv.mapping, [column]: target }, current.name, { kind }));
  }

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const current = file.current;
    if (!plan || !current || phase !== 'idle') return;
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
          fileName: current.name,
          persons: plan.persons.map((p) => ({ ...p, private: kind !== 'contact' && isPrivate })),
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
      setWriteError(errorText(tr, err));
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
          accept=".vcf,.vcard,.csv,text/vcard,text/csv"
          disabled={writing}
          aria-describedby={fileError ? 'import-file-error' : undefined}
          onChange={(e) => void chooseFile(e.target.files?.[0])}
        />
      </div>
      {phase === 'reading' && (
        <p role="status" className="muted">
          {tr('ui.import.reading')}
        </p>
      )}
      <ErrorAlert id="import-file-error" message={fileError} />

      {preview && plan && file.current && (
        <form className="stack import-preview" onSubmit={submit} noValidate>
          <section className="import-section" aria-labelledby="import-preview-title">
            <h3 id="import-preview-title">{tr('ui.import.preview')}</h3>
            <p role="status">
              {tr(preview.candidates.length === 1 ? 'ui.import.foundOne' : 'ui.import.found', {
                file: file.current.name,
                count: formatCount(tr, preview.candidates.length),
                format: tr(`ui.import.format.${preview.format}`),
                encoding: ENCODING_LABEL[preview.encoding] ?? preview.encoding,
              })}
            </p>
            <p>
              {preview.fieldsPresent.length
                ? tr('ui.import.fields', { fields: preview.fieldsPresent.map((k) => tr(`field.${k}`)).join(', ') })
                : tr('ui.import.noFields')}
            </p>
            {preview.candidates.length > 0 && (
              <>
                <p className="import-examples-title" id="import-examples-title">
                  {tr('ui.import.examples')}
                </p>
                <ul className="import-examples" aria-labelledby="import-examples-title">
                  {preview.candidates.slice(0, 5).map((c) => (
                    <li key={c.line}>
                      <strong>{displayName(c.person)}</strong>
                      {c.person.email && c.person.email !== displayName(c.person) && (
                        <span className="muted"> · {c.person.email}</span>
                      )}
                      {c.person.city && <span className="muted"> · {c.person.city}</span>}
                    </li>
                  ))}
                </ul>
              </>
            )}
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
                {tr('ui.import.kindHint')}
              </p>
            </div>
            {kind !== 'contact' && (
              <div className="field checkbox">
                <input
                  id="import-private"
                  type="checkbox"
                  checked={isPrivate}
                  disabled={busy}
                  onChange={(e) => setIsPrivate(e.target.checked)}
                  aria-describedby="import-private-hint"
                />
                <label htmlFor="import-private">{tr('field.private')}</label>
                <p id="import-private-hint" className="hint">
                  {tr('ui.import.privateHint')}
                </p>
              </div>
            )}
          </section>

          {preview.warnings.length > 0 && (
            <div className="warning" role="note" aria-label={tr('ui.import.fileWarnings')}>
              {preview.warnings.map((w, i) => (
                <p key={i}>{messageText(tr, w)}</p>
              ))}
            </div>
          )}

          {preview.problems.length > 0 && (
            <div className="error import-problems" role="alert">
              <p>
                {refusedCount(preview) === 1
                  ? tr('ui.import.problemsOne')
                  : tr('ui.import.problems', { count: formatCount(tr, refusedCount(preview)) })}
              </p>
              <ul>
                {preview.problems.slice(0, LIST_MAX).map((p, i) => (
                  <li key={i}>{problemText(tr, p)}</li>
                ))}
              </ul>
              {preview.problems.length > LIST_MAX && (
                <p>{tr('ui.import.more', { count: preview.problems.length - LIST_MAX })}</p>
              )}
            </div>
          )}

          <CandidateWarnings preview={preview} />

          {preview.csv && (
            <MappingTable
              headers={preview.csv.headers}
              rows={preview.csv.rows}
              mapping={preview.csv.mapping}
              onChange={changeMapping}
              disabled={busy}
            />
          )}

          {dupItems.length > 0 && stored && (
            <Duplicates
              items={dupItems}
              candidates={preview.candidates}
              stored={stored}
              decisions={decisions}
              forAll={forAll}
              disabled={busy}
              onDecide={(line, d) => setDecisions((all) => ({ ...all, [line]: d }))}
              onDecideAll={(d) => {
                setForAll(d);
                setDecisions({});
              }}
            />
          )}

          {preview.candidates.length > 0 && (
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
            <div className="import-progress">
              <div
                className="progress"
                role="progressbar"
                aria-label={tr('ui.import.progressLabel')}
                aria-valuemin={0}
                aria-valuemax={progress.total}
                aria-valuenow={progress.done}
                aria-valuetext={tr('ui.import.progressText', {
                  done: formatCount(tr, progress.done),
                  total: formatCount(tr, progress.total),
                })}
              >
                <div
                  className="progress-bar"
                  style={{ width: `${progress.total ? (100 * progress.done) / progress.total : 0}%` }}
                />
              </div>
              <p className="muted">
                {tr('ui.import.progressText', {
                  done: formatCount(tr, progress.done),
                  total: formatCount(tr, progress.total),
                })}
              </p>
            </div>
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

      {!preview && (
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {tr(fileError ? 'ui.close' : 'ui.cancel')}
          </button>
        </div>
      )}
    </div>
  );
}

function CandidateWarnings({ preview }: { preview: ImportPreview }) {
  const tr = useT();
  const items = useMemo(
    () =>
      preview.candidates.flatMap((c) => [
        // Fields left out first: the card is imported without them.
        ...c.notTaken.map((p) =>
          problemText(tr, {
            ...p,
            messageKey: 'import.notTaken',
            params: { value: String(p.params?.value ?? ''), reason: tr(p.messageKey, p.params) },
          }),
        ),
        ...c.warnings.map((w) =>
          tr('import.problemAt', { line: c.line, reason: `${displayName(c.person)}: ${messageText(tr, w)}` }),
        ),
      ]),
    [preview, tr],
  );
  if (items.length === 0) return null;
  return (
    <details className="import-section import-warnings" open={items.length <= 5}>
      <summary>{tr('ui.import.warnings', { count: items.length })}</summary>
      <ul>
        {items.slice(0, LIST_MAX).map((text, i) => (
          <li key={i}>{text}</li>
        ))}
      </ul>
      {items.length > LIST_MAX && <p>{tr('ui.import.more', { count: items.length - LIST_MAX })}</p>}
    </details>
  );
}
