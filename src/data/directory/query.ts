/** A query as the directory's search takes it: its words, and their folded forms. */
import { SEARCH_SEPARATOR } from '../core/derived';
import { foldForSearch } from '../../domain/searchFold';
import type { Needles } from './searchIndex';

/** The words of a query, lower-cased (each is folded when searched); a phone-like query becomes one run of digits. */
export function searchWords(query: string): string[] {
  const q = query.trim().toLocaleLowerCase('de');
  if (!q) return [];
  // International prefix 00 is held without it (see phoneTerms in derived.ts).
  if (/^[+\d][\d\s()/.-]*$/.test(q) && /\d/.test(q)) return [q.replace(/\D/g, '').replace(/^00/, '')];
  return [...new Set(q.split(/[\s,;/()]+/).filter(Boolean))];
}

/** Per word of the query, its folded forms (foldForSearch), each after SEARCH_SEPARATOR. */
export function queryNeedles(query: string): Needles {
  return searchWords(query).map((w) => foldForSearch(w).map((form) => SEARCH_SEPARATOR + form));
}
