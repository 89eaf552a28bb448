/**
 * The settings keys of this device's connection to a server (a leaf module: the outbox, the
 * settings rule and the users rule read them, and the outbox imports the rules).
 */

/** Settings key of the sync configuration: its presence switches the outbox on. */
export const SYNC_CONFIG_KEY = 'sync';
/** The applier's checkpoint in the replica's changes feed, and this device's id (sync/state.ts). */
export const SYNC_CHECKPOINT_KEY = 'syncCheckpoint';
export const SYNC_DEVICE_KEY = 'syncDevice';
/** Set while a joining device pulls its book, removed with the connection's settings at its end (sync/join.ts). */
export const SYNC_JOINING_KEY = 'syncJoining';
/** The documents the applier set aside, waiting for what they need (sync/feed.ts): docId → rev. */
export const SYNC_WAITING_KEY = 'syncWaiting';
/**
 * The devices seen sending version clocks (sync/versions.ts): a version without one is refused
 * over a held version with one only from these — the others' apps are from before clocks.
 */
export const SYNC_CLOCKED_DEVICES_KEY = 'syncClockedDevices';
/** This device's running count of versions it wrote (sync/pump.ts): its entry in their clocks. */
export const SYNC_CLOCK_COUNT_KEY = 'syncClockCount';
/**
 * What this device wrote into its replica that the server has not acknowledged yet (sync/unpushed.ts):
 * each document with the replica's sequence after its write, and the push replication's last checkpoint.
 */
export const SYNC_UNPUSHED_KEY = 'syncUnpushed';
/**
 * This device's own versions the team does not take over (sync/ownHeldBack.ts): judged once the
 * rights their author lost arrived here, with the rights each user held when last judged.
 */
export const SYNC_OWN_HELD_BACK_KEY = 'syncOwnHeldBack';
/**
 * The members' versions an administrator's device wrote over, as the entries saying so name them
 * (sync/writtenOver.ts): their entries are marked when read.
 */
export const SYNC_WRITTEN_OVER_KEY = 'syncWrittenOver';
/** This device's connection to a server: never replicated, and never taken over from a backup. */
export const SYNC_STATE_SETTINGS: readonly string[] = [
  SYNC_CONFIG_KEY,
  SYNC_CHECKPOINT_KEY,
  SYNC_DEVICE_KEY,
  SYNC_JOINING_KEY,
  SYNC_WAITING_KEY,
  SYNC_CLOCKED_DEVICES_KEY,
  SYNC_CLOCK_COUNT_KEY,
  SYNC_UNPUSHED_KEY,
  SYNC_OWN_HELD_BACK_KEY,
  SYNC_WRITTEN_OVER_KEY,
];
