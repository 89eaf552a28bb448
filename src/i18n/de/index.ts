/**
 * The German table at the start: what the sign-in screen, the shell, the person list and the
 * errors of the start's code show. The areas only later screens, dialogs, the person page and the
 * documents use are `later.ts`, a chunk of its own (`loadLaterMessages()` in ../messages): a key
 * moves there once no start module names it (the budget test checks that none does).
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
