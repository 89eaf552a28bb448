/**
 * Personal data must not feed the browser's autofill database or its form restore (issue 15,
 * finding 1; the browser test tests/browser/profileTraces.test.ts scans the profile). Chromium
 * stores what is typed into a text control unless the control (or its form) says
 * autocomplete="off". This check makes every caller say it: each <input> and <textarea> in the
 * UI carries autoComplete — "off", or a credential token on the sign-in and passphrase fields.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const NOT_TEXT = new Set(['checkbox', 'radio', 'file', 'hidden']);
/** The sign-in, user and passphrase dialogs: staff credentials, which a password manager may keep. */
const CREDENTIAL_FILES = [
  'src/ui/auth/AuthScreen.tsx',
  'src/ui/auth/SetupForm.tsx',
  'src/ui/settings/usersDialogs.tsx',
  'src/ui/settings/backupCreate.tsx',
];
/**
 * The shared text field passes on its caller's token (a typed prop: a credential token, or "off" —
 * its default, so a caller that names none is off); its callers are checked instead.
 */
const PASSES_ON = 'src/ui/components/TextField.tsx';

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsxFiles(join(dir, e.name)) : e.name.endsWith('.tsx') ? [join(dir, e.name)] : [],
  );
}

interface Control {
  where: string;
  tag: string;
  type: string;
  autoComplete: string | null;
}

function controls(file: string): Control[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Control[] = [];
  const attr = (el: ts.JsxOpeningLikeElement, name: string): string | null => {
    for (const a of el.attributes.properties) {
      // A spread of a props object built for the control (fields.tsx) counts when it names autoComplete.
      if (ts.isJsxSpreadAttribute(a) && name === 'autoComplete') {
        const spread = resolveSpread(a.expression.getText(), source);
        if (spread !== null) return spread;
      }
      if (ts.isJsxAttribute(a) && a.name.getText() === name)
        return a.initializer ? a.initializer.getText().replace(/^\{?['"]?|['"]?\}?$/g, '') : '';
    }
    return null;
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) {
      const tag = node.tagName.getText();
      if (tag === 'input' || tag === 'textarea' || tag === 'TextField') {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        found.push({
          where: `${file}:${line + 1}`,
          tag,
          type: tag === 'textarea' ? 'textarea' : (attr(node, 'type') ?? 'text'),
          autoComplete: attr(node, 'autoComplete'),
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** `{...common}` where `const common = { …, autoComplete: 'off' }` in the same file. */
function resolveSpread(name: string, source: ts.SourceFile): string | null {
  const m = new RegExp(`const ${name} = \\{[^}]*autoComplete: '([^']*)'`).exec(source.getText());
  return m ? m[1] : null;
}

describe('text controls and the browser profile', () => {
  const all = tsxFiles('src/ui').flatMap(controls);

  it('finds the controls (the check itself works)', () => {
    expect(all.filter((c) => c.tag === 'textarea').length).toBeGreaterThan(10);
    expect(all.filter((c) => c.tag === 'input').length).toBeGreaterThan(30);
    expect(all.filter((c) => c.tag === 'TextField').length).toBeGreaterThan(10);
  });

  it('every input and textarea says autocomplete="off" (credential fields: their token)', () => {
    const wrong = all
      .filter((c) => !NOT_TEXT.has(c.type))
      .filter((c) => {
        if (c.autoComplete === 'off') return false;
        if (c.where.startsWith(PASSES_ON)) return c.autoComplete !== 'autoComplete';
        if (c.tag === 'TextField' && c.autoComplete === null) return false;
        // A credential token only where staff credentials are typed.
        const credentialFile = CREDENTIAL_FILES.some((f) => c.where.startsWith(f));
        return !(credentialFile && c.autoComplete !== null);
      })
      .map((c) => `${c.where} <${c.tag} type=${c.type}> autoComplete=${c.autoComplete}`);
    expect(wrong).toEqual([]);
  });

  it("the shared text field is off unless its caller names a credential's token", () => {
    expect(readFileSync(PASSES_ON, 'utf8')).toMatch(/autoComplete = 'off',/);
  });
});
