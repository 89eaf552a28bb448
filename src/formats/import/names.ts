/**
 * Name parts as address books write them: "Herr Dr." before a name, "Jr." or "M.Sc." after it.
 * Anrede and Titel are separate fields here, so the honorifics are sorted into them.
 */

const SALUTATIONS = new Set([
  'herr',
  'frau',
  'hr',
  'fr',
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'monsieur',
  'madame',
  'mme',
  'mlle',
  'signor',
  'signora',
  'señor',
  'señora',
  'sra',
  'heer',
  'mevrouw',
]);

/** Academic degrees and their parts ("Dr. med.", "Dipl.-Ing.", "M.Sc."), compared without dots. */
const ACADEMIC = new Set([
  'dr',
  'prof',
  'professor',
  'dipl',
  'diplom',
  'ing',
  'dipl-ing',
  'diplng',
  'mag',
  'msc',
  'bsc',
  'ma',
  'ba',
  'mba',
  'phd',
  'llm',
  'llb',
  'md',
  'dds',
  'med',
  'dent',
  'vet',
  'rer',
  'nat',
  'pol',
  'oec',
  'phil',
  'jur',
  'habil',
  'hc',
  'mult',
  'pd',
  'doz',
  'privdoz',
  'univ',
  'em',
  'eng',
  'dipl-kfm',
  'dipl-kff',
  'dipl-inf',
  'dipl-psych',
  'meng',
  'beng',
]);

const GENERATIONAL = new Set(['jr', 'sr', 'jun', 'sen', 'junior', 'senior', 'ii', 'iii', 'iv']);

const bare = (token: string) => token.toLowerCase().replace(/\./g, '');

export interface Honorifics {
  salutation: string;
  title: string;
  /** Tokens that are neither (e.g. "Jr.", "Hon."). */
  rest: string;
}

/** Sort "Herr Dr. med." into salutation "Herr" and title "Dr. med.". */
export function sortHonorifics(text: string): Honorifics {
  const salutation: string[] = [];
  const title: string[] = [];
  const rest: string[] = [];
  for (const token of text.split(/[\s,]+/)) {
    if (!token) continue;
    const b = bare(token);
    if (SALUTATIONS.has(b)) salutation.push(token);
    else if (ACADEMIC.has(b) || /^(dr|prof|dipl)\b/.test(b)) title.push(token);
    else rest.push(token);
  }
  return { salutation: salutation.join(' '), title: title.join(' '), rest: rest.join(' ') };
}

export function isHonorific(token: string): boolean {
  const b = bare(token);
  return SALUTATIONS.has(b) || ACADEMIC.has(b) || GENERATIONAL.has(b);
}

export interface SplitName {
  salutation: string;
  title: string;
  firstName: string;
  lastName: string;
}

/**
 * A whole name ("Dr. Max Mustermann", "Mustermann, Max") split into its parts. Used only where
 * the file gives no separate first and last name, so the split is a best guess: the last word is
 * the last name.
 */
export function splitFullName(full: string): SplitName {
  const text = full.replace(/\s+/g, ' ').trim();
  // No name is this long; keep it whole so that validation reports it as too long.
  if (text.length > 300) return { salutation: '', title: '', firstName: '', lastName: text };
  const comma = text.indexOf(',');
  if (comma > 0) {
    // "Mustermann, Max" – unless what follows the comma is only a suffix ("Max Muster, Jr.").
    const after = text.slice(comma + 1).trim();
    if (after && !after.split(' ').every(isHonorific)) {
      const inner = splitFullName(after);
      const firstName = [inner.firstName, inner.lastName].filter(Boolean).join(' ');
      return { ...inner, firstName, lastName: text.slice(0, comma).trim() };
    }
  }
  const words = text.replace(/,/g, ' ').split(' ').filter(Boolean);
  const lead: string[] = [];
  while (words.length > 1 && isHonorific(words[0])) lead.push(...words.splice(0, 1));
  const trail: string[] = [];
  while (words.length > 1 && isHonorific(words[words.length - 1])) trail.unshift(...words.splice(-1));
  const before = sortHonorifics(lead.join(' '));
  const after = sortHonorifics(trail.join(' '));
  const lastName = words.pop() ?? '';
  return {
    salutation: before.salutation,
    title: [before.title, before.rest, after.title].filter(Boolean).join(' '),
    firstName: words.join(' '),
    lastName,
  };
}
