/**
 * The translation tables: English has exactly German's keys, and is loaded only when asked for;
 * German's later areas load before any lazy screen.
 */
import { describe, expect, it, vi } from 'vitest';
import { de } from '../germanTable';
import { en } from '../../src/i18n/en';
import type { MessageKey, Messages } from '../../src/i18n/messages';
import { de as start } from '../../src/i18n/de';
import { later } from '../../src/i18n/de/later';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type Area = Record<string, Record<string, string>>;
const deAreas = import.meta.glob<Area>(['../../src/i18n/de/*.ts', '!**/index.ts', '!**/later.ts'], { eager: true });
const enAreas = import.meta.glob<Area>(['../../src/i18n/en/*.ts', '!**/index.ts'], { eager: true });
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the tables', () => {
  it('has the same areas in both languages, each with exactly the same keys', () => {
    const names = (areas: Record<string, unknown>) => Object.keys(areas).map((p) => p.split('/').pop());
    expect(names(deAreas).length).toBeGreaterThan(10);
    expect(names(enAreas).sort()).toEqual(names(deAreas).sort());
    for (const [path, module] of Object.entries(deAreas)) {
      const enModule = enAreas[path.replace('/de/', '/en/')];
      for (const [name, table] of Object.entries(module))
        expect(Object.keys(enModule[name]).sort(), `${path} ${name}`).toEqual(Object.keys(table).sort());
    }
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
  });

  it('fills the same placeholders in English as in German, and no text is empty', () => {
    for (const key of Object.keys(de) as MessageKey[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(de[key]));
      expect(en[key].trim(), key).not.toBe('');
    }
  });

  it('has no German left in English: no umlaut, no ß, no common German word', () => {
    const german = /[äöüÄÖÜß]|\b(DSGVO|Einwilligung\w*|und|oder|der|die|das|nicht|mit|für|bitte|Sperrzeit)\b/;
    const left = Object.entries(en).filter(([, text]) => german.test(text));
    expect(left).toEqual([]);
  });

  it('refuses keys that do not exist, at compile time', () => {
    // @ts-expect-error an extra key is no message of the German table
    const extra = { 'ui.loading': 'Loading', 'ui.loadingTypo': 'x' } satisfies Partial<Messages>;
    expect(Object.keys(extra)).toHaveLength(2);
  });
});

describe('loading English', () => {
  it('has German at once and English only after loadLanguage', async () => {
    vi.resetModules();
    const { loadLanguage, t, textOf } = await import('../../src/i18n/messages');
    expect(t('de', 'ui.nav.label')).toBe(de['ui.nav.label']);
    expect(() => t('en', 'ui.nav.label')).toThrow(/loadLanguage\('en'\)/);
    await loadLanguage('en');
    expect(t('en', 'ui.nav.label')).toBe(en['ui.nav.label']);
    expect(t('en', 'error.retention', { date: '1 May 2031' })).toBe(
      'Cannot delete: a statutory retention duty applies until 1 May 2031.',
    );
    expect(textOf('en', 'field.email')).toBe('E-mail');
    expect(textOf('en', 'field.noSuchField')).toBe('field.noSuchField');
  });

  it('switches the preference only once English is loaded', async () => {
    vi.resetModules();
    const { usePreferences } = await import('../../src/ui/stores');
    const { t } = await import('../../src/i18n/messages');
    expect(usePreferences.getState().lang).toBe('de');
    await usePreferences.getState().setLang('en');
    expect(usePreferences.getState().lang).toBe('en');
    expect(t(usePreferences.getState().lang, 'ui.nav.label')).toBe(en['ui.nav.label']);
  });
});

describe("loading German's later areas", () => {
  it('has the start areas at once and the later ones only after loadLaterMessages, never a key for a text', async () => {
    vi.resetModules();
    const { loadLaterMessages, t, textOf } = await import('../../src/i18n/messages');
    expect(t('de', 'ui.nav.label')).toBe(de['ui.nav.label']);
    expect(textOf('de', 'field.email')).toBe(de['field.email']);
    expect(() => t('de', 'ui.settings.help')).toThrow(/loadLaterMessages\(\)/);
    // Until the table is complete, an unknown stored key might be a later one: no guess.
    expect(() => textOf('de', 'action.noSuchAction')).toThrow(/complete/);
    await loadLaterMessages();
    expect(t('de', 'ui.settings.help')).toBe(de['ui.settings.help']);
    expect(textOf('de', 'action.noSuchAction')).toBe('action.noSuchAction');
  });

  it('splits the keys: no key in both parts, together exactly the table English has', () => {
    expect(Object.keys(start).filter((k) => Object.hasOwn(later, k))).toEqual([]);
    expect(Object.keys(later).length).toBeGreaterThan(Object.keys(start).length);
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  });

  it('renders a lazy component only once the later areas are loaded', async () => {
    vi.resetModules();
    const { withLaterMessages } = await import('../../src/ui/lazyWithMessages');
    const { t } = await import('../../src/i18n/messages');
    expect(() => t('de', 'ui.settings.help')).toThrow(/loadLaterMessages/);
    // A screen's module that is there at once, as a cached chunk is: it still waits for the texts.
    const screen = await withLaterMessages(() => Promise.resolve({ default: () => t('de', 'ui.settings.help') }));
    expect(screen.default()).toBe(de['ui.settings.help']);
  });

  it("makes every lazy component in src/ui with lazyWithMessages, none with React's lazy", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
      );
    const ui = files('src/ui').filter((f) => !f.endsWith('lazyWithMessages.ts'));
    expect(ui.length).toBeGreaterThan(20);
    const plainLazy = ui.filter((f) => /(?<![\w.])lazy\(|React\.lazy/.test(readFileSync(f, 'utf8')));
    expect(plainLazy).toEqual([]);
    expect(ui.filter((f) => readFileSync(f, 'utf8').includes('lazyWithMessages(')).length).toBeGreaterThan(8);
  });
});

describe('numbers in texts', () => {
  it('writes counts as the language groups them, and identifying numbers as they are', async () => {
    vi.resetModules();
    const { loadLanguage, loadLaterMessages, t } = await import('../../src/i18n/messages');
    await Promise.all([loadLanguage('en'), loadLaterMessages()]);
    expect(t('de', 'ui.exportAll.progress', { done: 2000, total: 100000 })).toBe(
      '2.000 von 100.000 Personen exportiert',
    );
    expect(t('en', 'ui.exportAll.progress', { done: 2000, total: 100000 })).toBe('2,000 of 100,000 persons exported');
    expect(t('de', 'ui.person.count', { count: 999 })).toBe('999 Personen');
    // An entry's place in the log matches the checkpoint's code (1234:…); a line matches the file's.
    expect(t('de', 'ui.audit.problem.removed', { seq: 12345 })).toBe(
      'Protokoll verändert: Eintrag 12345 wurde entfernt.',
    );
    expect(t('de', 'import.problemAt', { line: 1200, reason: 'x' })).toBe('Zeile 1200: x');
    // A string is taken as it is.
    expect(t('de', 'ui.person.count', { count: '12000' })).toBe('12000 Personen');
  });
});
