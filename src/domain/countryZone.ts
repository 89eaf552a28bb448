/**
 * Whether a recipient's country is inside the EU/EEA or a third country (Art. 44 ff. GDPR), from the
 * free-text country field: the recipients' validation (a transfer needs its basis) and the documents
 * (which entries are transfers) ask the same question here.
 */

/**
 * The EU and EEA states by their ISO codes and their German, English and own names (lower case,
 * without accents and dots), and the unions themselves: the free-text country field as people fill it.
 */
const EEA = new Set(
  [
    'eu, ewr, eea, europaische union, european union, europaischer wirtschaftsraum, european economic area',
    'at, aut, osterreich, oesterreich, austria',
    'be, bel, belgien, belgium, belgie, belgique',
    'bg, bgr, bulgarien, bulgaria, balgariya, българия',
    'hr, hrv, kroatien, croatia, hrvatska',
    'cy, cyp, zypern, cyprus, kypros, κυπρος',
    'cz, cze, tschechien, tschechische republik, czechia, czech republic, cesko, ceska republika',
    'dk, dnk, danemark, daenemark, denmark, danmark',
    'ee, est, estland, estonia, eesti',
    'fi, fin, finnland, finland, suomi',
    'fr, fra, frankreich, france',
    'de, deu, d, brd, deutschland, germany, bundesrepublik deutschland, federal republic of germany',
    'gr, grc, el, griechenland, greece, hellas, ellada, ελλαδα',
    'hu, hun, ungarn, hungary, magyarorszag',
    'ie, irl, irland, ireland, eire',
    'it, ita, italien, italy, italia',
    'lv, lva, lettland, latvia, latvija',
    'lt, ltu, litauen, lithuania, lietuva',
    'lu, lux, luxemburg, luxembourg, letzebuerg',
    'mt, mlt, malta',
    'nl, nld, niederlande, holland, netherlands, the netherlands, nederland',
    'pl, pol, polen, poland, polska',
    'pt, prt, portugal',
    'ro, rou, rumanien, rumaenien, romania',
    'sk, svk, slowakei, slovakia, slovensko',
    'si, svn, slowenien, slovenia, slovenija',
    'es, esp, spanien, spain, espana',
    'se, swe, schweden, sweden, sverige',
    'is, isl, island, iceland',
    'li, lie, liechtenstein',
    'no, nor, norwegen, norway, norge, noreg',
  ].flatMap((line) => line.split(', ')),
);

/** Lower case, accents and dots off, one space: "Österreich" → "osterreich", "U.S.A." → "usa". */
function normalised(country: string): string {
  return country.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\./g, '').replace(/\s+/g, ' ').trim();
}

/** Inside the EU/EEA, outside it (a third country), or not entered. */
export type CountryZone = 'eea' | 'thirdCountry' | 'unknown';

/** Its zone by the whole entry or what comes before a bracket or comma: "Irland (Dublin)", "Deutschland, Frankfurt". */
export function countryZone(country: string): CountryZone {
  const c = normalised(country);
  if (!c) return 'unknown';
  const head = c.split(/[(,;/]/)[0].trim();
  return EEA.has(c) || EEA.has(head) ? 'eea' : 'thirdCountry';
}
