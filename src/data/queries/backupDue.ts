/** Whether a backup is due (the reminder above every screen), and its answer read at sign-in. */
import type { ConsentbookDB } from '../db';
import { hasPersons } from './persons';
import { readLastBackup, readPrivacySettings } from './settings';

const DAY = 86_400_000;

/** The backup reminder's answer: days since the last backup (null: there is none), or null when none is due. */
export type BackupDue = { days: number | null } | null;

/**
 * Whether a backup is due: the last one is as old as the reminder period (Datenschutzcenter ›
 * backupReminderDays) or older — or there is none while persons exist (nothing to lose before).
 */
export async function readBackupDue(db: ConsentbookDB): Promise<BackupDue> {
  // Asked together (one wait, not two): whether persons exist matters only without a backup.
  const [last, privacy, persons] = await Promise.all([readLastBackup(db), readPrivacySettings(db), hasPersons(db)]);
  if (last) {
    const days = Math.max(0, Math.floor((Date.now() - Date.parse(last.at)) / DAY));
    return days >= privacy.backupReminderDays ? { days } : null;
  }
  return persons ? { days: null } : null;
}

/** An answer on its way, and once it came, the answer itself (to render with, not wait for). */
export interface BackupDueAnswer {
  answer: Promise<BackupDue>;
  value?: BackupDue;
}

/** A failed read answers "none due": the reminder's live query tries again. */
export function askBackupDue(db: ConsentbookDB): BackupDueAnswer {
  const asked: BackupDueAnswer = { answer: readBackupDue(db).catch(() => null) };
  void asked.answer.then((value) => (asked.value ??= value));
  return asked;
}

const dueAhead = new WeakMap<ConsentbookDB, BackupDueAnswer>();

/**
 * Started at the sign-in click, before the directory's reads (auth.ts): behind them IndexedDB
 * answered it only after 0.2–1.4 s at 100,000 persons, and the reminder is shown with the first
 * screen (it moved the screen down when it came later). Plain settings and keys: no data key needed.
 */
export function readBackupDueAhead(db: ConsentbookDB): void {
  dueAhead.set(db, askBackupDue(db));
}

/** The answer read ahead, once; undefined when none was. */
export function takeBackupDueAhead(db: ConsentbookDB): BackupDueAnswer | undefined {
  const due = dueAhead.get(db);
  dueAhead.delete(db);
  return due;
}
