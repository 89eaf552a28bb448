#!/usr/bin/env node
/**
 * Fixes three bugs in the packages the sync server is made of (express-pouchdb and its
 * pouchdb-validation), after every `npm install` (run by `postinstall`; safe to run again). The
 * server refuses to start unless every fix is in place.
 *
 * 1. pouchdb-validation: its validate() overwrites the incoming document's `_revisions` with the
 *    stored document's before calling the validate_doc_update functions, and that same object is
 *    then written. For a replicated write (`_bulk_docs` with `new_edits=false`, as every CouchDB
 *    replicator sends it) the revision history then names a revision the server already has, so
 *    the update is answered as written and silently dropped — whenever any design document has a
 *    validate_doc_update. pouchdb-server issue #419; the fix is the unmerged pull request #420,
 *    applied here line for line: give the validation functions a copy and leave the document alone.
 * 2. express-pouchdb's `_changes` route: a long poll first asks for the changes so far and, when
 *    there are none, opens a live feed. Both pass the database's member check. When the account
 *    stops being a member in between (a team member removed while their device polls), the second
 *    check's refusal was left unhandled — and Node ends the process on an unhandled rejection, so
 *    the whole server went down for every device. The fix ends that poll as an empty answer (the
 *    client's next poll is refused with 401); the continuous feed gets the same handling.
 * 3. express-pouchdb's `PUT /:db`: for an account that is not a server admin, `PouchDB.new()` is a
 *    promise refusing it, and the route called `.info()` on it — a TypeError that ended the server.
 *    One anonymous request (the CORS answer lets any web page send it) took the server down. Now
 *    it is answered 401, as CouchDB answers it.
 *
 * Why a script and not patch-package: a few lines in three files, no dependency tree for it. If a
 * package changes so that neither the buggy nor the fixed text is found, this fails the install
 * loudly instead of letting the bug come back unnoticed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const expressPouchDB = () => dirname(require.resolve('express-pouchdb/package.json'));

/**
 * @typedef {{ name: string, file: () => string, buggy: string, fixed: string, previously?: string }} Patch
 * `previously`: the fix as an earlier version of this script wrote it, replaced by `fixed`.
 */

/** @type {Patch[]} */
const PATCHES = [
  {
    name: 'pouchdb-validation: replicated updates under validate_doc_update',
    // The copy that express-pouchdb (the server) loads.
    file: () => require.resolve('pouchdb-validation', { paths: [expressPouchDB()] }),
    buggy: '  newDoc._revisions = (oldDoc || {})._revisions;\n',
    fixed:
      '  // Patched by scripts/patch-sync-server.mjs (pouchdb-server #419 / PR #420).\n' +
      '  if (!newDoc._revisions && oldDoc) {\n' +
      '    newDoc = Object.assign({ _revisions: oldDoc._revisions }, newDoc);\n' +
      '  }\n',
    previously:
      '  // Patched by scripts/patch-pouchdb-validation.mjs (pouchdb-server #419 / PR #420).\n' +
      '  if (!newDoc._revisions && oldDoc) {\n' +
      '    newDoc = Object.assign({ _revisions: oldDoc._revisions }, newDoc);\n' +
      '  }\n',
  },
  {
    name: 'express-pouchdb: a long poll whose account stops being a member',
    file: () => `${expressPouchDB()}/lib/routes/changes.js`,
    buggy: '            var cancelChanges = function () {\n' + '              changes.cancel();\n' + '            }\n',
    fixed:
      '            var cancelChanges = function () {\n' +
      '              changes.cancel();\n' +
      '            }\n' +
      '            // Patched by scripts/patch-sync-server.mjs: the member check refused the live feed\n' +
      '            // (no longer a member); unhandled, that ended the server. End the poll empty.\n' +
      '            changes.catch(function () {\n' +
      '              if (res.writableEnded) return;\n' +
      "              res.write('],\\n\"last_seq\":' + JSON.stringify(complete.last_seq) + '}\\n');\n" +
      '              res.end();\n' +
      '              cleanup();\n' +
      "              req.connection.removeListener('close', cancelChanges);\n" +
      '            });\n',
  },
  {
    name: 'express-pouchdb: a continuous feed refused by the member check',
    file: () => `${expressPouchDB()}/lib/routes/changes.js`,
    buggy: '          cleanup();\n        });\n      } else { // longpoll\n',
    fixed:
      '          cleanup();\n' +
      '        }).catch(function (err) {\n' +
      '          // Patched by scripts/patch-sync-server.mjs: a refusal before the first event was unhandled.\n' +
      '          if (res.writableEnded) return;\n' +
      '          if (!written) {\n' +
      '            utils.sendError(res, err);\n' +
      '          } else {\n' +
      '            res.end();\n' +
      '          }\n' +
      '          cleanup();\n' +
      '        });\n' +
      '      } else { // longpoll\n',
  },
  {
    name: 'express-pouchdb: creating a database without server-admin rights',
    file: () => `${expressPouchDB()}/lib/routes/db.js`,
    buggy: '      var db = req.PouchDB.new(name, utils.makeOpts(req));\n      db.info(function (err) {\n',
    fixed:
      '      var db = req.PouchDB.new(name, utils.makeOpts(req));\n' +
      '      // Patched by scripts/patch-sync-server.mjs: for an account that is not a server admin, new()\n' +
      '      // is a promise refusing it (pouchdb-security), not a database; db.info ended the server.\n' +
      "      if (typeof db.info !== 'function') {\n" +
      '        return Promise.resolve(db).then(function () {\n' +
      "          utils.sendJSON(res, 500, { error: 'unknown_error', reason: 'The database could not be created.' });\n" +
      '        }, function (err) {\n' +
      '          utils.sendError(res, err);\n' +
      '        });\n' +
      '      }\n' +
      '      db.info(function (err) {\n',
  },
];

/** Whether every fix is in place in the installed packages. */
export function isPatched() {
  return PATCHES.every((patch) => readFileSync(patch.file(), 'utf8').includes(patch.fixed));
}

/** 'patched' when the fix was applied now, 'already' when it was there; throws otherwise. */
function apply(/** @type {Patch} */ patch) {
  const file = patch.file();
  const source = readFileSync(file, 'utf8');
  if (source.includes(patch.fixed)) return 'already';
  const found = [patch.buggy, patch.previously].find((text) => text && source.includes(text));
  if (!found) {
    throw new Error(
      `${file}: the text that "${patch.name}" fixes was not found — ` +
        'check whether the new version still has the bug and update scripts/patch-sync-server.mjs.',
    );
  }
  writeFileSync(file, source.replace(found, patch.fixed));
  return 'patched';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    expressPouchDB();
  } catch (error) {
    if (error.code !== 'MODULE_NOT_FOUND') throw error;
    console.log('sync server: express-pouchdb not installed, nothing to patch'); // e.g. `npm install --omit=dev`
    process.exit(0);
  }
  for (const patch of PATCHES) {
    console.log(`${patch.name}: ${apply(patch) === 'patched' ? 'fix applied' : 'fix already in place'}`);
  }
}
