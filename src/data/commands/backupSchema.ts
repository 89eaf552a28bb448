/**
 * The structure a backup must have before anything of it is written. Records keep fields this
 * version does not know (looseObject) so that nothing of a same-version backup is lost.
 */
import { z } from 'zod';
import { PERSON_KINDS } from '../../domain/person';
import { AUDIT_ACTIONS } from '../../domain/audit';
import { VERIFIER_ITERATIONS } from '../../domain/user';

// No code generation: zod would otherwise probe `Function('')`, which the app's
// Content-Security-Policy (no 'unsafe-eval') refuses and reports as a violation.
z.config({ jitless: true });

/** PBKDF2 iterations a file may ask for: below is too weak to be ours, above would hang the device. */
export const KDF_ITERATIONS = { min: 100_000, max: 10_000_000 } as const;

const id = z.string().min(1).max(200);
/** Base64 of `min`–`max` bytes (checked before anything decodes it). */
const base64 = (min: number, max = min) =>
  z
    .string()
    .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, 'not base64')
    .refine(
      (s) => {
        const n = (s.length / 4) * 3 - (s.length - s.replace(/=+$/, '').length);
        return n >= min && n <= max;
      },
      `not ${min === max ? min : `${min}–${max}`} bytes`,
    );
const text = z.string().max(100_000);
// Decoded from {$bytes: base64} while the JSON was parsed.
const bytes = z.instanceof(Uint8Array);

const plainPerson = z.looseObject({
  id,
  kind: z.enum(PERSON_KINDS),
  private: z.boolean(),
  firstName: text,
  lastName: text,
  email: text,
  furtherPhones: z.array(text),
  bankAccounts: z.array(z.looseObject({ iban: text, bic: text, holder: text })),
  purposeId: z.string(),
  version: z.number().int().nonnegative(),
  natural: z.union([z.literal(0), z.literal(1)]),
  locked: z.union([z.literal(0), z.literal(1)]).optional(),
});

/** As stored since schema 5: the index fields in plain, the rest sealed (middleware/sealing.ts). */
const sealedPerson = z.looseObject({
  id,
  kind: z.enum(PERSON_KINDS),
  purposeId: z.string(),
  natural: z.union([z.literal(0), z.literal(1)]),
  locked: z.union([z.literal(0), z.literal(1)]).optional(),
  sealed: bytes,
});

const person = z.union([sealedPerson, plainPerson]);

const auditEntry = z.looseObject({
  // Fractional for entries another device wrote (sync/apply.ts): they sit between this device's.
  seq: z.number().positive(),
  at: z.string(),
  personId: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  fieldKeys: z.array(z.string()),
  prevHash: z.string(),
  hash: z.string(),
});

export const backupPayloadSchema = z.object({
  format: z.literal('consentbook-backup'),
  schemaVersion: z.number().int().positive(),
  createdAt: z.string(),
  createdBy: z.string(),
  tables: z.object({
    persons: z.array(person),
    // A purpose backed up before its legitimate interest existed has none: restored as it is, named as a finding.
    purposes: z.array(
      z.looseObject({
        id,
        name: text,
        lawfulBasis: z.enum(['a', 'b', 'c', 'd', 'e', 'f']),
        legitimateInterest: text.optional(),
      }),
    ),
    consents: z.array(
      z.looseObject({ id, personId: id, purposeIds: z.array(z.string()), status: z.enum(['given', 'withdrawn']) }),
    ),
    transactions: z.array(z.looseObject({ id, personIds: z.array(z.string()), date: z.string() })),
    files: z.array(
      z.union([
        z.looseObject({ id, ownerId: id, personId: z.string().optional(), sealed: bytes }),
        z.looseObject({ id, ownerId: id, name: text, data: bytes }),
      ]),
    ),
    auditLog: z.array(auditEntry),
    settings: z.array(z.looseObject({ key: id })),
    // Well-formed credentials: restore checks that an administrator can sign in (backup.ts).
    users: z.array(
      z.looseObject({
        id,
        name: text,
        isAdmin: z.boolean(),
        active: z.boolean(),
        verifier: z.looseObject({
          algorithm: z.literal('PBKDF2-SHA-256'),
          // As the users' rule asks of every verifier (domain/user.ts): the restored users' records change later.
          iterations: z.number().int().min(VERIFIER_ITERATIONS.min).max(VERIFIER_ITERATIONS.max),
          salt: base64(16, 64),
          hash: base64(32),
        }),
        // The data key (32 bytes) wrapped with AES-GCM: plus a 16-byte tag.
        dataKey: z.looseObject({ algorithm: z.literal('AES-256-GCM'), iv: base64(12), data: base64(48) }).optional(),
      }),
    ),
    groups: z.array(z.looseObject({ id, name: text })),
    requests: z.array(z.looseObject({ id, personId: z.string() })),
    breaches: z.array(z.looseObject({ id })),
    campaigns: z.array(z.looseObject({ id })),
    // Format 2: the person key secrets and the tombstones of erased persons.
    personKeys: z.array(z.object({ personId: id, secret: bytes })).optional(),
    erasures: z.array(z.object({ personId: id, at: z.string() })).optional(),
  }),
});

export type BackupPayload = z.infer<typeof backupPayloadSchema>;
export const BACKUP_TABLES = [
  'persons',
  'purposes',
  'consents',
  'transactions',
  'files',
  'auditLog',
  'settings',
  'users',
  'groups',
  'requests',
  'breaches',
  'campaigns',
  'personKeys',
  'erasures',
] as const;

/**
 * The header line, read before anything is decrypted. The iteration count is range-checked
 * separately (backup.ts) to name the problem; its type is checked here.
 */
export const backupHeaderSchema = z.looseObject({
  formatVersion: z.number().int().positive(),
  schemaVersion: z.number().int().positive(),
  createdAt: z.string(),
  kdf: z.looseObject({
    name: z.literal('PBKDF2-SHA-256'),
    iterations: z.number().int(),
    salt: base64(16, 64),
  }),
  iv: base64(12),
  length: z.number().int().min(16),
  auditHead: z.looseObject({ count: z.number(), hash: z.string() }).nullable().optional(),
  keyId: z.string().optional(),
});
