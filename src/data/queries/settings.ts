/** Reading the settings (Datenschutzcenter, controller, the last backup). */
import type { ChainHead } from '../../domain/auditChain';
import {
  DEFAULT_PRIVACY_SETTINGS,
  EMPTY_CONTROLLER,
  requireController,
  type Controller,
  type PrivacySettings,
} from '../../domain/settings';
import { personEntries } from '../core/auditEntries';
import type { ConsentbookDB } from '../db';

export async function readPrivacySettings(db: ConsentbookDB): Promise<PrivacySettings> {
  const rec = await db.settings.get('privacy');
  return { ...DEFAULT_PRIVACY_SETTINGS, ...((rec?.value as Partial<PrivacySettings>) ?? {}) };
}

export async function readController(db: ConsentbookDB): Promise<Controller> {
  const rec = await db.settings.get('controller');
  return { ...EMPTY_CONTROLLER, ...((rec?.value as Partial<Controller>) ?? {}) };
}

/** The controller for a document to a person or an authority: refused (ControllerMissingError) while incomplete. */
export async function readControllerForDocument(db: ConsentbookDB): Promise<Controller> {
  const controller = await readController(db);
  requireController(controller);
  return controller;
}

export interface LastBackup {
  at: string;
  by: string;
  auditHead: ChainHead | null;
}

/** The settings record 'lastBackup' (written by createBackup); null when no backup was made. */
export async function readLastBackup(db: ConsentbookDB): Promise<LastBackup | null> {
  const value = (await db.settings.get('lastBackup'))?.value as Partial<LastBackup> | undefined;
  if (!value || typeof value.at !== 'string' || Number.isNaN(Date.parse(value.at))) return null;
  return { at: value.at, by: String(value.by ?? ''), auditHead: value.auditHead ?? null };
}

/**
 * Is sync configured, and with which server? The one place the documents ask (the register names
 * the server's operator as a processor and no longer says the data stay on the device). Reads the
 * settings record 'sync' ({ server: URL }); null while sync is not set up.
 */
export async function readSyncServer(db: ConsentbookDB): Promise<string | null> {
  const value = (await db.settings.get('sync'))?.value as { server?: unknown } | undefined;
  return typeof value?.server === 'string' && value.server.trim() ? value.server.trim() : null;
}

/** "DSGVO-Programmunterstützung deaktivieren" for the documents: whether it is on, and since when. */
export interface GdprSupportState {
  disabled: boolean;
  /** When it was last switched (the log's settings entry, logged even while disabled); null when unknown. */
  since: string | null;
}

/**
 * Whether GDPR support is disabled, and since when: the settings keep no date, the log does —
 * switching it is logged even while it is off, so the newest entry that changed it is the switch
 * to the state it is in now. Read only while it is disabled: the log's entries about no person.
 */
export async function readGdprSupport(db: ConsentbookDB, privacy?: PrivacySettings): Promise<GdprSupportState> {
  const { gdprSupportDisabled } = privacy ?? (await readPrivacySettings(db));
  if (!gdprSupportDisabled) return { disabled: false, since: null };
  // Settings entries are about no person: the log's range of personId '' (not the whole log).
  const since = (await personEntries(db, ''))
    .filter((e) => e.action === 'settingsChanged' && e.fieldKeys.includes('gdprSupportDisabled'))
    .reduce<string | null>((last, e) => (last === null || e.at > last ? e.at : last), null);
  return { disabled: true, since };
}
