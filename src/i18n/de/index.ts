/**
 * The German table at the start: what the sign-in screen, the shell, the person list and any
 * data-layer error show. The areas only later screens and the documents use are `later.ts`, a
 * chunk of its own (`loadLaterMessages()` in ../messages).
 */
import { common } from './common';
import { domain } from './domain';
import { errors } from './errors';
import { person } from './person';
import { signIn } from './signIn';

export const de = {
  ...common,
  ...domain,
  ...errors,
  ...person,
  ...signIn,
};
