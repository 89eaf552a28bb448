#!/usr/bin/env node
/**
 * Fixes pouchdb-validation (used by express-pouchdb, the core of the sync server) after every
 * `npm install` (run by `postinstall`; safe to run again).
 *
 * Why: its validate() overwrites the incoming document's `_revisions` with the stored document's
 * before calling the validate_doc_update functions, and that same object is then written. For a
 * replicated write (`_bulk_docs` with `new_edits=false`, as every CouchDB replicator sends it) the
 * revision history then names a revision the server already has, so the update is answered as
 * written and silently dropped — whenever any design document has a validate_doc_update.
 * pouchdb-server issue #419; the fix is the unmerged pull request #420, applied here line for line:
 * give the validation functions a copy and leave the document to be written alone.
 *
 * Why a script and not patch-package: one line in one file, no dependency tree for it. If the
 * package changes so that neither the buggy nor the fixed line is found, this fails the install
 * loudly instead of letting the bug come back unnoticed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUGGY = '  newDoc._revisions = (oldDoc || {})._revisions;\n';
const FIXED =
  '  // Patched by scripts/patch-pouchdb-validation.mjs (pouchdb-server #419 / PR #420).\n' +
  '  if (!newDoc._revisions && oldDoc) {\n' +
  '    newDoc = Object.assign({ _revisions: oldDoc._revisions }, newDoc);\n' +
  '  }\n';

/** The pouchdb-validation file that express-pouchdb (the server) loads. */
function validationFile() {
  const require = createRequire(import.meta.url);
  const expressPouchDB = dirname(require.resolve('express-pouchdb/package.json'));
  return require.resolve('pouchdb-validation', { paths: [expressPouchDB] });
}

/** Whether the server's copy of pouchdb-validation carries the fix. */
export function isPatched(file = validationFile()) {
  return readFileSync(file, 'utf8').includes(FIXED);
}

/** 'patched' when the fix was applied now, 'already' when it was there; throws otherwise. */
function patchPouchDBValidation(file) {
  if (isPatched(file)) return 'already';
  const source = readFileSync(file, 'utf8');
  if (!source.includes(BUGGY)) {
    throw new Error(
      `${file}: the line that pouchdb-server PR #420 fixes was not found — ` +
        'check whether the new version still has the bug and update this script.',
    );
  }
  writeFileSync(file, source.replace(BUGGY, FIXED));
  return 'patched';
}

function installedValidationFile() {
  try {
    return validationFile();
  } catch (error) {
    if (error.code === 'MODULE_NOT_FOUND') return null; // e.g. `npm install --omit=dev`
    throw error;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = installedValidationFile();
  if (file === null) {
    console.log('pouchdb-validation: not installed, nothing to patch');
  } else {
    const result = patchPouchDBValidation(file);
    console.log(`pouchdb-validation: ${result === 'patched' ? 'fix applied' : 'fix already in place'}`);
  }
}
