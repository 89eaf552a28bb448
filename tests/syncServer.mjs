// Starts the real sync server (`npm run sync-server`'s entry script) for a test or the bench, on a
// free port, and ends exactly that process again. Plain JavaScript so tests/bench/run.mjs (Node)
// uses it too; its types are in syncServer.d.mts.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('../scripts/sync-server.mjs', import.meta.url));
const ADDRESS = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/;

/** @returns {Promise<import('./syncServer.d.mts').SyncServer>} */
export async function startSyncServer() {
  const admin = { username: 'admin', password: 'test-admin-secret' };
  const child = spawn(process.execPath, [ENTRY], {
    env: { ...process.env, PORT: '0', SYNC_ADMIN: admin.username, SYNC_PASSWORD: admin.password },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error('sync server: the process did not start');
  const pid = child.pid;
  let stopping = false;
  const stop = () => {
    stopping = true;
    return stopProcess(child);
  };
  // The server's last output, shown if it ends before it is stopped: a test then fails on a refused
  // connection, and this says why the server went (its code or signal, what it printed).
  let tail = '';
  const keep = (/** @type {Buffer} */ chunk) => {
    tail = (tail + chunk.toString()).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  /** @type {string | undefined} */
  let endedUnasked;
  child.once('exit', (code, signal) => {
    if (stopping) return;
    endedUnasked = `sync server ${pid} ended unasked (code ${code}, signal ${signal}):\n${tail}`;
    console.error(endedUnasked);
  });
  try {
    const url = await addressOf(child);
    return { url, pid, admin, stop, endedUnasked: () => endedUnasked };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Resolves with the address the server prints once it listens; rejects if it exits first. */
/** @param {import('node:child_process').ChildProcess} child @returns {Promise<string>} */
function addressOf(child) {
  return new Promise((resolve, reject) => {
    let output = '';
    const collect = (/** @type {Buffer} */ chunk) => {
      output += chunk.toString();
      const match = ADDRESS.exec(output);
      if (!match) return;
      child.stdout?.off('data', collect);
      child.stderr?.off('data', collect);
      resolve(match[1]);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('exit', (code) => reject(new Error(`sync server exited (${code}) before listening:\n${output}`)));
  });
}

/** @param {import('node:child_process').ChildProcess} child */
async function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
