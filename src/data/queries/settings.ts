/** Reading the settings (Datenschutzcenter, controller, the last backup). */
import type { ChainHead } from '../../domain/auditChain';
import {
  DEFAULT_PRIVACY_SETTINGS,
  EMPTY_CONTROLLER,
  requireController,
  type Controller,
  type PrivacySettings,
} from '../../domain/settings';
import type { ConsentbookDB } from '../db';

export async function readPrivacySettings(db: ConsentbookDB): Promise<PrivacySettings> {
  const rec = await db.settings.get('privacy');
  return { ...DEFAULT_PRIVACY_SETTINGS, ...((rec?.value as Partial<PrivacySettings> | undefined) ?? {}) };
}

export async function readController(db: ConsentbookDB): Promise<Controller> {
  const rec = await db.settings.get('controller');
  return { ...EMPTY_CONTROLLER, ...((rec?.value as Partial<Controller> | undefined) ?? {}) };
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
  return { at: value.at, by: typeof value.by === 'string' ? value.by : '', auditHead: value.auditHead ?? null };
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
