// The layer arrows and the cycle rule of eslint.config.js bite: a forbidden import in a file placed
// inside each layer is reported, an allowed one is not.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
// The probes are not in the TypeScript project, so the type-aware rules are off for them; the
// import rules need no types. The cycle probes' folder is ignored by `npm run lint` (it runs beside
// these tests), not here.
const typeChecksOff = { files: ['**/*.{ts,tsx}'], ...tseslint.configs.disableTypeChecked };
const eslint = new ESLint({ cwd: root, ignore: false, overrideConfig: [typeChecksOff] });
// The layer and cursor probes, without import-x/no-cycle: a probe importing '../ui/App' made it
// parse the app's whole module graph (seconds of CPU, a warm-up of its own) for a rule those probes
// do not test. The rules they test are the config's own; the cycle probes below lint with all rules.
const probes = new ESLint({
  cwd: root,
  ignore: false,
  overrideConfig: [typeChecksOff, { files: ['**/*.{ts,tsx}'], rules: { 'import-x/no-cycle': 'off' } }],
});

// The first lint loads the config and its plugins: done once before the tests, with a hang guard
// of its own, so each test's limit covers its own lint (beside the browser files in `npm test` a
// loaded 2-core machine stretched it past the test limit).
beforeAll(async () => {
  await probes.lintText('export const warm = 1;\n', { filePath: join(root, 'src/ui/warm.ts') });
}, 120_000);

async function rulesReported(file: string, code: string): Promise<string[]> {
  const [result] = await probes.lintText(code, { filePath: join(root, file) });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

const LAYER = 'import-x/no-restricted-paths';
const someI18nModule = readdirSync(join(root, 'src/i18n'))
  .find((f) => f.endsWith('.ts'))
  ?.replace(/\.ts$/, '');

describe('layer arrows', () => {
  it.each([
    ['src/domain/probe.ts', '../data/db'],
    ['src/domain/probe.ts', '../ui/App'],
    ['src/domain/probe.ts', '../pwa/storage'],
    ['src/i18n/probe.ts', '../domain/person'],
    ['src/formats/probe.ts', '../data/db'],
    ['src/formats/probe.ts', '../ui/App'],
    ['src/documents/probe.ts', '../data/db'],
    ['src/documents/probe.ts', '../ui/App'],
    ['src/reports/probe.ts', '../data/db'],
    ['src/reports/probe.ts', '../ui/App'],
    ['src/data/probe.ts', '../ui/App'],
    ['src/data/core/probe.ts', '../../ui/App'],
    ['src/pwa/probe.ts', '../ui/App'],
    ['src/bench/probe.ts', '../ui/App'],
  ])('%s may not import %s', async (file, target) => {
    expect(await rulesReported(file, `import * as m from '${target}';\nexport const probe = m;\n`)).toContain(LAYER);
  });

  it.each([
    ['src/domain/probe.ts', `../i18n/${someI18nModule ?? 'missing'}`],
    ['src/domain/probe.ts', './person'],
    ['src/data/probe.ts', '../domain/person'],
    ['src/ui/probe.ts', '../data/db'],
    ['src/main.tsx', './ui/App'],
  ])('%s may import %s', async (file, target) => {
    expect(await rulesReported(file, `import * as m from '${target}';\nexport const probe = m;\n`)).not.toContain(
      LAYER,
    );
  });

  it('keeps React and Dexie out of the domain', async () => {
    const rules = await rulesReported(
      'src/domain/probe.ts',
      "import Dexie from 'dexie';\nexport const probe = Dexie;\n",
    );
    expect(rules).toContain('no-restricted-imports');
  });
});

describe('import cycles', () => {
  const dir = mkdtempSync(join(root, 'tests/unit/lint-probe-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports two modules importing each other', async () => {
    const a = "import { b } from './b';\nexport const a = (): number => b;\n";
    writeFileSync(join(dir, 'a.ts'), a);
    writeFileSync(join(dir, 'b.ts'), "import { a } from './a';\nexport const b = 1;\nexport const c = a;\n");
    const [result] = await eslint.lintText(a, { filePath: join(dir, 'a.ts') });
    expect(result.messages.map((m) => m.ruleId)).toContain('import-x/no-cycle');
  });

  it('accepts a one-way import', async () => {
    writeFileSync(join(dir, 'c.ts'), 'export const c = 1;\n');
    const d = "import { c } from './c';\nexport const d = c;\n";
    const [result] = await eslint.lintText(d, { filePath: join(dir, 'd.ts') });
    expect(result.messages.map((m) => m.ruleId)).not.toContain('import-x/no-cycle');
  });
});

describe('no cursor walkers on the read side', () => {
  const CURSOR = 'no-restricted-syntax';
  const probe = (call: string) =>
    `declare const db: { persons: { where(i: string): { anyOf(k: string[]): { toArray(): Promise<unknown[]> }; equals(k: string): { each(f: () => void): Promise<void>; toArray(): Promise<unknown[]> } } } };\nexport const probe = ${call};\n`;

  it.each([
    ['src/data/queries/probe.ts', "db.persons.where('kind').anyOf(['a', 'b']).toArray()"],
    ['src/data/queries/probe.ts', "db.persons.where('kind').equals('a').each(() => undefined)"],
    ['src/ui/probe.tsx', "db.persons.where('kind').anyOf(['a']).toArray()"],
  ])('%s: %s is reported', async (file, call) => {
    expect(await rulesReported(file, probe(call))).toContain(CURSOR);
  });

  it.each([
    ['src/data/queries/probe.ts', "db.persons.where('kind').equals('a').toArray()"],
    // Writes and sync touch records they name: not the read side's rule.
    ['src/data/sync/probe.ts', "db.persons.where('kind').anyOf(['a']).toArray()"],
  ])('%s: %s is not', async (file, call) => {
    expect(await rulesReported(file, probe(call))).not.toContain(CURSOR);
  });
});
