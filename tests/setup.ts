// Every unit test gets a fresh in-memory IndexedDB.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach } from 'vitest';
import { loadLaterMessages } from '../src/i18n/messages';
// PBKDF2 derived once per input and run (why, and what stays real: tests/pbkdf2Memo.ts).
import { pbkdf2MemoForFile } from './pbkdf2Memo';

// This file runs before every test file; what it imports is loaded once for all of them
// (vitest.config.ts, `isolate: false`), so each file's hooks are registered here.
pbkdf2MemoForFile();

// PouchDB's HTTP adapter reads a pulled attachment with node-fetch's `buffer()` under Node and falls
// back to `blob()` — a Blob its Node storage cannot hash. The app passes the platform's fetch (whose
// Response has no `buffer()`); in a browser the Blob is right. Under Node, the bytes as a Buffer, as
// node-fetch gave them, so evidence files and attachments replicate in the unit sync tests too.
if (!('buffer' in Response.prototype))
  Object.defineProperty(Response.prototype, 'buffer', {
    value: async function buffer(this: Response) {
      return Buffer.from(await this.arrayBuffer());
    },
  });
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

// The app loads German's later areas before any lazy screen or document; the pure modules tested
// here (documents, formats) are given them the same way. tests/unit/i18n.test.ts tests the loading.
await loadLaterMessages();
