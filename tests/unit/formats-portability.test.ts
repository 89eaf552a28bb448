// Art. 20 exports: JSON against the published schemas, the whole-database export from its parts.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { beforeAll, describe, expect, it } from 'vitest';
import { WATCHED_FIELDS } from '../../src/domain/fields';
import {
  DATABASE_EXPORT_TAIL,
  databaseExportEntry,
  databaseExportHead,
  exportPersonJson,
  type PortabilityData,
} from '../../src/formats/portability';
import { CONSENTS, NAMES, PURPOSES, samplePerson, TRANSACTIONS } from './sample-data';
import { loadLanguage } from '../../src/i18n/messages';

beforeAll(() => loadLanguage('en'));

const readSchema = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../public/schema/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const personSchema = readSchema('consentbook-person-export.schema.json');
const databaseSchema = readSchema('consentbook-export.schema.json');

// ajv-formats is not installed: register the two formats the schemas use.
const ajv = new Ajv2020({ allErrors: true, strict: true });
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
ajv.addSchema(personSchema);
const validatePerson = ajv.getSchema(personSchema.$id as string)!;
const validateDatabase = ajv.compile(databaseSchema);

function data(first = 'Łukasz', last = 'Żółć'): PortabilityData {
  return {
    exportedAt: '2025-06-02T10:00:00.000Z',
    person: samplePerson(first, last, {
      lock: { at: '2025-01-02T10:00:00.000Z', byUserId: 'user-1', reason: 'Rechtsstreit' },
    }),
    purposes: PURPOSES.filter((p) =>
      ['purpose-service', 'purpose-advertising', 'purpose-address-trade'].includes(p.id),
    ),
    consents: CONSENTS,
    transactions: TRANSACTIONS,
  };
}

describe('exportPersonJson', () => {
  it('follows the published schema', () => {
    const json = exportPersonJson(data());
    const doc = JSON.parse(json) as Record<string, unknown>;
    expect(validatePerson(doc), JSON.stringify(validatePerson.errors)).toBe(true);
    expect(doc.format).toBe('consentbook-person-export');
    expect(doc.$schema).toBe(personSchema.$id);
  });

  it('holds the person’s data, not internal fields or other people’s ids', () => {
    const d = data();
    const doc = JSON.parse(exportPersonJson(d)) as {
      person: Record<string, unknown>;
      consents: Record<string, unknown>[];
      transactions: Record<string, unknown>[];
    };
    expect(doc.person.firstName).toBe('Łukasz');
    expect(doc.person.bankAccounts).toEqual(d.person.bankAccounts);
    expect(doc.person.furtherPhones).toEqual(d.person.furtherPhones);
    expect(doc.person.restricted).toEqual({ at: '2025-01-02T10:00:00.000Z', reason: 'Rechtsstreit' });
    for (const internal of ['sortName', 'natural', 'locked', 'version', 'lock'])
      expect(doc.person).not.toHaveProperty(internal);
    expect(doc.transactions[0]).not.toHaveProperty('personIds');
    expect(doc.consents[0].evidence).toEqual({
      type: 'file',
      fileName: 'einwilligung.pdf',
      mimeType: 'application/pdf',
      size: 12345,
    });
  });

  it('writes IBAN and BIC in their electronic form, so spaced ones still fit the schema', () => {
    const d = data();
    const spaced = { iban: 'MT84 MALT 0110 0001 2345 MTLC AST0 01S', bic: 'cobade ffxxx', holder: 'Łukasz Żółć' };
    expect(spaced.iban.length).toBe(38);
    const doc = JSON.parse(exportPersonJson({ ...d, person: { ...d.person, bankAccounts: [spaced] } })) as {
      person: { bankAccounts: unknown[] };
    };
    expect(validatePerson(doc), JSON.stringify(validatePerson.errors)).toBe(true);
    expect(doc.person.bankAccounts).toEqual([
      { iban: 'MT84MALT011000012345MTLCAST001S', bic: 'COBADEFFXXX', holder: 'Łukasz Żółć' },
    ]);
  });

  it('is rejected by the schema when it carries unknown or wrong fields', () => {
    const doc = JSON.parse(exportPersonJson(data())) as { person: Record<string, unknown>; extra?: number };
    expect(validatePerson({ ...doc, extra: 1 })).toBe(false);
    expect(validatePerson({ ...doc, person: { ...doc.person, sortName: 'x' } })).toBe(false);
    expect(validatePerson({ ...doc, person: { ...doc.person, kind: 'robot' } })).toBe(false);
    expect(validatePerson({ ...doc, exportedAt: 'yesterday' })).toBe(false);
  });

  it('states the same maximum lengths as the field catalogue', () => {
    const props = (
      personSchema.$defs as Record<
        string,
        { properties: Record<string, { maxLength?: number; items?: { maxLength?: number } }> }
      >
    ).person.properties;
    for (const field of WATCHED_FIELDS.filter((f) => f.key !== 'bankAccounts')) {
      const prop = props[field.key];
      expect(field.repeated ? prop.items?.maxLength : prop.maxLength, field.key).toBe(field.maxLength);
    }
  });
});

describe('the whole-database export (head, an entry per person, tail)', () => {
  /** The parts the app writes page by page (bulk/openRows.ts), in one list. */
  const wholeExport = (sets: readonly PortabilityData[], exportedAt: string) => [
    databaseExportHead(exportedAt),
    ...sets.map((set, i) => databaseExportEntry(set, i === 0)),
    DATABASE_EXPORT_TAIL,
  ];
  function* source(count: number): Generator<PortabilityData> {
    for (let i = 0; i < count; i++) {
      const [first, last] = NAMES[i % NAMES.length];
      const d = data(first, last);
      yield { ...d, person: { ...d.person, id: `person-${i}` } };
    }
  }

  it('its parts join to one document following the database schema', () => {
    const chunks = wholeExport([...source(25)], '2025-06-02T10:00:00.000Z');
    expect(chunks.length).toBe(25 + 2);
    expect(chunks[0]).toMatch(
      /^\{"\$schema":.*"format":"consentbook-export".*"exportedAt":"2025-06-02T10:00:00.000Z","persons":\[$/,
    );
    const doc = JSON.parse(chunks.join('')) as { persons: { person: { id: string; lastName: string } }[] };
    expect(validateDatabase(doc), JSON.stringify(validateDatabase.errors)).toBe(true);
    expect(doc.persons.map((p) => p.person.id)).toEqual(Array.from({ length: 25 }, (_, i) => `person-${i}`));
    expect(doc.persons[4].person.lastName).toBe('Παπαδόπουλος');
  });

  it('writes a valid document for an empty database, and rejects foreign fields in items', () => {
    const chunks = wholeExport([], '2025-06-02T10:00:00.000Z');
    const empty = JSON.parse(chunks.join('')) as { persons: unknown[] };
    expect(validateDatabase(empty)).toBe(true);
    const one = wholeExport([...source(1)], '2025-06-02T10:00:00.000Z');
    const doc = JSON.parse(one.join('')) as { persons: Record<string, unknown>[] };
    doc.persons[0].exportedAt = '2025-06-02T10:00:00.000Z';
    expect(validateDatabase(doc)).toBe(false);
  });
});
