// Invitations (issue 19, item 4): the code's layout and checks, and the round trip against the
// real sync server — created once, claimed once, every bad code refused by name, no key on the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatInvitation,
  InvalidInvitation,
  invitationContentOf,
  invitationHeader,
  parseInvitation,
} from '../../src/domain/invitation';
import { createInvitation, InvitationError, redeemInvitation } from '../../src/data/sync/invitation';
import type { Session } from '../../src/data/core/session';
import type { SyncConfig } from '../../src/data/sync/types';
import { startSyncServer, type SyncServer } from '../syncServer.mjs';

const ADMIN = { isAdmin: true } as Session;
const NOW = new Date('2026-12-01T10:00:00Z');
const HOUR = 3_600_000;

function problemOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof InvalidInvitation) return e.problem;
    throw e;
  }
  return 'none';
}

describe('invitation code', () => {
  const header = invitationHeader(new Uint8Array(16).fill(7), new Date(NOW.getTime() + HOUR));
  const code = formatInvitation(header, new Uint8Array(32).fill(1), new Uint8Array(40).fill(2));

  it('reads back id, expiry, secret and sealed part; white space and line breaks do not matter', () => {
    const parsed = parseInvitation(`  ${code.slice(0, 30)}\n${code.slice(30)} `, NOW);
    expect(parsed.id).toBe('07'.repeat(16));
    expect(parsed.expiresAt.toISOString()).toBe('2026-12-01T11:00:00.000Z');
    expect([...parsed.secret]).toEqual(Array(32).fill(1));
    expect([...parsed.sealed]).toEqual(Array(40).fill(2));
    expect([...parsed.header]).toEqual([...header]);
  });

  it('names a garbled code: wrong prefix, foreign characters, cut short, another version', () => {
    expect(problemOf(() => parseInvitation('hello', NOW))).toBe('garbled');
    expect(problemOf(() => parseInvitation(code.replace('CB1.', 'CB2.'), NOW))).toBe('garbled');
    expect(problemOf(() => parseInvitation(`${code.slice(0, 20)}!${code.slice(21)}`, NOW))).toBe('garbled');
    expect(problemOf(() => parseInvitation(code.slice(0, 60), NOW))).toBe('garbled');
    const v2 = formatInvitation(Uint8Array.from([2, ...header.slice(1)]), new Uint8Array(32), new Uint8Array(40));
    expect(problemOf(() => parseInvitation(v2, NOW))).toBe('garbled');
  });

  it('names an expired code', () => {
    expect(problemOf(() => parseInvitation(code, new Date(NOW.getTime() + HOUR)))).toBe('expired');
    expect(problemOf(() => parseInvitation(code, new Date(NOW.getTime() + HOUR - 1000)))).toBe('none');
  });

  it('checks the opened content field by field', () => {
    const good = { serverUrl: 'https://x.example', database: 'b', username: 'u', password: 'p', dataKey: 'AA==' };
    expect(invitationContentOf(good)).toEqual(good);
    expect(problemOf(() => invitationContentOf({ ...good, password: 3 }))).toBe('garbled');
    expect(problemOf(() => invitationContentOf({ ...good, serverUrl: 'ftp://x' }))).toBe('garbled');
    expect(problemOf(() => invitationContentOf(null))).toBe('garbled');
  });
});

describe('invitation against the sync server', () => {
  let server: SyncServer;
  let config: SyncConfig;
  const dataKey = crypto.getRandomValues(new Uint8Array(32));

  beforeAll(async () => {
    server = await startSyncServer();
    config = { serverUrl: server.url, database: 'book-invite', ...server.admin };
    const created = await fetch(`${server.url}book-invite`, { method: 'PUT', headers: auth(config) });
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await server.stop();
  });

  const auth = (c: SyncConfig) => ({ Authorization: `Basic ${btoa(`${c.username}:${c.password}`)}` });
  async function problem(run: Promise<unknown>): Promise<string> {
    try {
      await run;
      return 'none';
    } catch (e) {
      if (e instanceof InvitationError) return e.problem;
      return (e as { messageKey?: string }).messageKey ?? String(e);
    }
  }

  it('joins once: the second use of the same code is refused as used', async () => {
    const { code, expiresAt } = await createInvitation(ADMIN, config, dataKey, NOW);
    expect(Date.parse(expiresAt) - NOW.getTime()).toBe(24 * HOUR);
    const opened = await redeemInvitation(code, NOW);
    expect(opened.config).toEqual(config);
    expect([...opened.dataKey]).toEqual([...dataKey]);
    expect(await problem(redeemInvitation(code, NOW))).toBe('used');
  });

  it('the server holds only id, expiry and the used flag: not the key, the secret or the account', async () => {
    const { code } = await createInvitation(ADMIN, config, dataKey, NOW);
    const { id, secret } = parseInvitation(code, NOW);
    const docs = await (
      await fetch(`${server.url}book-invite/_all_docs?include_docs=true`, { headers: auth(config) })
    ).text();
    expect(docs).toContain(`invitation:${id}`);
    const b64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));
    for (const secretText of [b64(dataKey), b64(secret), code.slice(4), config.password])
      expect(docs).not.toContain(secretText);
  });

  it('refuses an altered code (a character changed in the sealed part or the expiry) as garbled', async () => {
    const { code } = await createInvitation(ADMIN, config, dataKey, NOW);
    const flip = (at: number) => code.slice(0, at) + (code[at] === 'A' ? 'B' : 'A') + code.slice(at + 1);
    expect(await problem(redeemInvitation(flip(code.length - 5), NOW))).toBe('garbled');
    // Characters 26–31 hold the expiry: moved, it no longer matches the sealed part's additional data.
    expect(await problem(redeemInvitation(flip(29), NOW))).toMatch(/garbled|expired/);
    // The intact code still works afterwards: nothing was claimed by the failed attempts.
    expect(await problem(redeemInvitation(code, NOW))).toBe('none');
  });

  it('refuses an expired code, and one whose record the server does not have', async () => {
    const { code } = await createInvitation(ADMIN, config, dataKey, NOW);
    expect(await problem(redeemInvitation(code, new Date(NOW.getTime() + 25 * HOUR)))).toBe('expired');
    const { code: other } = await createInvitation(ADMIN, { ...config }, dataKey, NOW);
    const { id } = parseInvitation(other, NOW);
    const docUrl = `${server.url}book-invite/invitation:${id}`;
    const { _rev } = (await (await fetch(docUrl, { headers: auth(config) })).json()) as { _rev: string };
    await fetch(`${docUrl}?rev=${_rev}`, { method: 'DELETE', headers: auth(config) });
    expect(await problem(redeemInvitation(other, NOW))).toBe('unknown');
  });

  it('only an administrator invites; an unreachable server or a refused account is named', async () => {
    expect(await problem(createInvitation({ isAdmin: false } as Session, config, dataKey, NOW))).toBe(
      'error.invitation.adminOnly',
    );
    const offline = { ...config, serverUrl: 'http://127.0.0.1:9/' };
    expect(await problem(createInvitation(ADMIN, offline, dataKey, NOW))).toBe('error.invitation.server.offline');
    const refused = { ...config, password: 'wrong' };
    expect(await problem(createInvitation(ADMIN, refused, dataKey, NOW))).toBe('error.invitation.server.refused');
  });
});
