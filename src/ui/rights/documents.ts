/**
 * Making the Art. 15 and Art. 20 documents of one person and the whole-database export, in the
 * browser. Loaded with import() on the first click: it pulls in the report data and the
 * exporters, and jsPDF with its fonts only when a PDF is made (in a worker: documents/offThread.ts).
 */
import type { RequestDocument } from '../../domain/requests';
import { collectAccessReport, collectPortability } from '../../data/queries/reports';
import { allPortabilityJson } from '../../data/queries/databaseExport';
import { countPersons } from '../../data/queries/persons';
import { recordDocumentIssued } from '../../data/commands/documents';
import { logEvent } from '../../data/commands/audit';
import type { Session } from '../../data/core/session';
import { t, type Language } from '../../i18n/messages';
import { exportPersonsCsv } from '../../formats/csv/write';
import { exportPersonJson } from '../../formats/portability';
import { exportPersonVcard } from '../../formats/vcard/write';
import { db } from '../db';
import { downloadBlob, neutralRef } from './files';
import { localDate } from '../../domain/calendar';

export type PersonDocumentKind = Exclude<RequestDocument['kind'], 'letter'>;

export interface MadeDocument {
  blob: Blob;
  /**
   * The name the browser saves it under: kind, date and a neutral reference (the start of the
   * person's id) — never the person's name: Chromium keeps download names in its History. Logged
   * and filed with the request as it is, so the Auskunft names the file the person was sent.
   */
  fileName: string;
}

const EXTENSION: Record<PersonDocumentKind, string> = {
  accessReport: 'pdf',
  portabilityJson: 'json',
  portabilityVcard: 'vcf',
  portabilityCsv: 'csv',
};
const MIME: Record<PersonDocumentKind, string> = {
  accessReport: 'application/pdf',
  portabilityJson: 'application/json',
  portabilityVcard: 'text/vcard;charset=utf-8',
  portabilityCsv: 'text/csv;charset=utf-8',
};

function names(lang: Language, kind: PersonDocumentKind, personId: string, date: string): { fileName: string } {
  const prefix = t(lang, kind === 'accessReport' ? 'ui.rights.file.access' : 'ui.rights.file.export');
  return { fileName: `${prefix}-${date}-${neutralRef(personId)}.${EXTENSION[kind]}` };
}

export async function makePersonDocument(
  kind: PersonDocumentKind,
  session: Session,
  personId: string,
  lang: Language,
): Promise<MadeDocument> {
  const issuedAt = new Date().toISOString();
  const date = localDate();
  if (kind === 'accessReport') {
    const [data, { accessReportInput }, { renderPdf }] = await Promise.all([
      collectAccessReport(db, session, personId),
      import('../../documents/accessReport'),
      import('../../documents/offThread'),
    ]);
    // In a worker: a person with a long history (1,000 log entries) takes about a second.
    const bytes = await renderPdf({ kind: 'accessReport', input: accessReportInput(data, lang, issuedAt) });
    return {
      blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: MIME[kind] }),
      ...names(lang, kind, personId, date),
    };
  }
  const set = await collectPortability(db, session, personId);
  const text =
    kind === 'portabilityJson'
      ? exportPersonJson({ ...set, exportedAt: issuedAt })
      : kind === 'portabilityVcard'
        ? exportPersonVcard(set.person)
        : exportPersonsCsv([set.person], lang, new Map(set.purposes.map((p) => [p.id, p.name])));
  return { blob: new Blob([text], { type: MIME[kind] }), ...names(lang, kind, personId, date) };
}

/** Makes the document, starts the download, then logs it and files it with the person's open request. */
export async function issuePersonDocument(
  kind: PersonDocumentKind,
  session: Session,
  personId: string,
  lang: Language,
): Promise<MadeDocument> {
  const doc = await makePersonDocument(kind, session, personId, lang);
  downloadBlob(doc.blob, doc.fileName);
  await recordDocumentIssued(db, session, personId, kind, doc.fileName);
  return doc;
}

export interface ExportProgress {
  done: number;
  total: number;
}

/**
 * Every person as one JSON file (consentbook-export.schema.json), a page at a time: each page's
 * text comes as bytes from the open pool's workers and goes into a Blob part at once, never one
 * big string. Returns null when cancelled (nothing is downloaded or logged).
 */
export async function exportAllPersons(
  session: Session,
  lang: Language,
  onProgress: (p: ExportProgress) => void,
  signal: AbortSignal,
): Promise<{ fileName: string; count: number } | null> {
  const total = await countPersons(db);
  let done = 0;
  onProgress({ done, total });
  const parts: Blob[] = [];
  for await (const part of allPortabilityJson(db, session, { signal })) {
    if (signal.aborted) return null;
    parts.push(new Blob(part.parts));
    done += part.persons;
    onProgress({ done, total: Math.max(total, done) });
  }
  if (signal.aborted) return null;
  const fileName = `${t(lang, 'ui.rights.file.all')}-${localDate()}.json`;
  downloadBlob(new Blob(parts, { type: 'application/json' }), fileName);
  await logEvent(db, session, 'portabilityExport', '', `all:${fileName}`);
  return { fileName, count: done };
}
