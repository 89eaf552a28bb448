#!/usr/bin/env node
/**
 * Local CouchDB-compatible sync server for development and tests: `npm run sync-server`.
 * In memory (everything is gone when it stops), on 127.0.0.1:${PORT:-5984} (PORT=0 picks a free
 * port; the first line printed names the address), with the server admin
 * ${SYNC_ADMIN:-admin} / ${SYNC_PASSWORD:-admin}. For real use run Apache CouchDB 3 (README).
 *
 * This is what `pouchdb-server --in-memory` runs — express-pouchdb over PouchDB's in-memory
 * adapter, the same plug-ins — without the pouchdb-server package itself: its optional
 * dependencies compile SQLite from source on every clean install (three to six minutes on two cores)
 * for a storage mode this server never uses.
 */
import { createServer } from 'node:http';
import { devNull } from 'node:os';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb-core';
import httpAdapter from 'pouchdb-adapter-http';
import memoryAdapter from 'pouchdb-adapter-memory';
import mapReduce from 'pouchdb-mapreduce';
import replication from 'pouchdb-replication';
import { isPatched } from './patch-sync-server.mjs';

const HOST = '127.0.0.1';
const port = Number(process.env.PORT ?? 5984);
const admin = process.env.SYNC_ADMIN || 'admin';
const password = process.env.SYNC_PASSWORD || 'admin';

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`sync server: PORT must be a port number (0–65535), got "${process.env.PORT}"`);
  process.exit(2);
}
// Without the fix, replicated updates vanish as soon as a validate_doc_update is installed.
if (!isPatched()) {
  console.error('sync server: pouchdb-validation lacks the replication fix — run `npm install`');
  process.exit(2);
}

const InMemoryPouchDB = PouchDB.plugin(httpAdapter)
  .plugin(replication)
  .plugin(mapReduce)
  .plugin(memoryAdapter)
  .defaults({ adapter: 'memory' });

const couch = expressPouchDB(InMemoryPouchDB, {
  mode: 'fullCouchDB',
  inMemoryConfig: true, // no config.json in the working directory
  logPath: devNull, // no log.txt either; errors still reach the HTTP client
});

// A server admin ends the "admin party": creating databases and `_security` need the admin, as on
// a real CouchDB. The config hashes the password before it is stored.
await new Promise((resolve, reject) =>
  couch.couchConfig.set('admins', admin, password, (error) => (error ? reject(error) : resolve())),
);

/**
 * CORS as CouchDB answers it with `[cors] origins = *` and credentials: the app (another origin
 * in development) sends the account's credentials with every request.
 */
function allowCrossOrigin(request, response) {
  const origin = request.headers.origin;
  if (!origin) return false;
  response.setHeader('Access-Control-Allow-Origin', origin);
  response.setHeader('Access-Control-Allow-Credentials', 'true');
  response.setHeader('Vary', 'Origin');
  if (request.method !== 'OPTIONS') return false;
  response.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT, DELETE, COPY');
  response.setHeader(
    'Access-Control-Allow-Headers',
    request.headers['access-control-request-headers'] ?? 'Accept, Authorization, Content-Type',
  );
  response.writeHead(204).end();
  return true;
}

const server = createServer((request, response) => {
  if (!allowCrossOrigin(request, response)) couch(request, response);
});
server.on('error', (error) => {
  console.error(`sync server: ${error.message}`);
  process.exit(1);
});
server.listen(port, HOST, () => {
  const { port: bound } = server.address();
  console.log(`sync server listening on http://${HOST}:${bound}/ (in memory, admin "${admin}")`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
