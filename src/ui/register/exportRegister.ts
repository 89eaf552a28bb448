/**
 * The register as a real download, PDF or JSON, then logged (recordRegisterIssued). The report
 * modules — and jsPDF with its fonts, in a worker for the PDF — load with import() on the first
 * click, never at start.
 */
import {
  collectProcessingRegister,
  type RegisterEnvironment,
  type RegisterProgress,
} from '../../data/queries/register';
import { recordRegisterIssued } from '../../data/commands/register';
import type { Session } from '../../data/core/session';
import { t, type Language } from '../../i18n/messages';
import { readStorageState } from '../../pwa/storage';
import { db } from '../db';
import { downloadBlob } from '../download';
import { localDate } from '../../domain/calendar';

export type RegisterFormat = 'pdf' | 'json';

/** In the UI's language, as every other download (an English UI saved "verarbeitungsverzeichnis-…"). */
export function registerFileName(format: RegisterFormat, lang: Language, now: Date = new Date()): string {
  return `${t(lang, 'ui.register.file')}-${localDate(now)}.${format}`;
}

/** What only the browser knows: whether it promised to keep the data. */
export async function registerEnvironment(): Promise<RegisterEnvironment> {
  return { storagePersisted: (await readStorageState()).persisted };
}

/**
 * Gathers the register afresh (the saved notes included, the whole log checked), downloads it and
 * logs the issue. Returns the file name.
 */
export async function issueRegister(
  session: Session,
  format: RegisterFormat,
  lang: Language,
  onProgress?: (progress: RegisterProgress) => void,
): Promise<string> {
  const now = new Date();
  const register = await collectProcessingRegister(db, session, now, await registerEnvironment(), onProgress);
  let blob: Blob;
  if (format === 'pdf') {
    const { renderPdf } = await import('../../documents/offThread');
    const bytes = await renderPdf({ kind: 'processingRegister', register, lang });
    blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' });
  } else {
    const { processingRegisterJson } = await import('../../documents/processingRegister');
    blob = new Blob([processingRegisterJson(register)], { type: 'application/json' });
  }
  const fileName = registerFileName(format, lang, now);
  downloadBlob(blob, fileName);
  await recordRegisterIssued(db, session, format);
  return fileName;
}
