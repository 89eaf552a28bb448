/**
 * A PDF worker's error as plain data, and back (offThread.ts, pdfWorker.ts): a thrown object loses
 * its class on the way between threads, and the UI words an error by its class (errorText).
 * So a known error travels as its kind with what it carries and is made again on the page; any
 * other keeps its name and message (a failed chunk is recognised by its message, chunkLoad.ts).
 */
import { ControllerMissingError, type ControllerPart } from '../domain/settings';
import { FontLoadError } from './fontLoadError';

export type PdfFailure =
  | { kind: 'controllerMissing'; missing: ControllerPart[] }
  | { kind: 'fontLoad'; url: string; reason: string }
  | { kind: 'error'; name: string; message: string };

/** The built-in classes an engine throws (a failed import is a TypeError): made again as such. */
const BUILT_IN: Record<string, ErrorConstructor | undefined> = {
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};

/** In the worker: what it posts for the error its render threw. */
export function pdfFailureOf(e: unknown): PdfFailure {
  if (e instanceof ControllerMissingError) return { kind: 'controllerMissing', missing: e.missing };
  if (e instanceof FontLoadError) return { kind: 'fontLoad', url: e.url, reason: e.reason };
  return e instanceof Error
    ? { kind: 'error', name: e.name, message: e.message }
    : { kind: 'error', name: 'Error', message: String(e) };
}

/** On the page: the error as the same render would have thrown it here. */
export function pdfErrorOf(failure: PdfFailure): Error {
  if (failure.kind === 'controllerMissing') return new ControllerMissingError(failure.missing);
  if (failure.kind === 'fontLoad') return new FontLoadError(failure.url, failure.reason);
  const BuiltIn = Object.hasOwn(BUILT_IN, failure.name) ? BUILT_IN[failure.name] : undefined;
  if (BuiltIn) return new BuiltIn(failure.message);
  return Object.assign(new Error(failure.message), { name: failure.name });
}
