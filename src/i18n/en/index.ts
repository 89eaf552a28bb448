/** The English table: loaded on demand (a chunk of its own), never in the start bundle. */
import { campaigns } from './campaigns';
import { choices } from './choices';
import { commandErrors } from './commandErrors';
import { common } from './common';
import { dialogs } from './dialogs';
import { domain } from './domain';
import { errors } from './errors';
import { imports } from './imports';
import { information } from './information';
import { letters } from './letters';
import { overview } from './overview';
import { person } from './person';
import { personPage } from './personPage';
import { register } from './register';
import { reports } from './reports';
import { requests } from './requests';
import { settings } from './settings';
import { signIn } from './signIn';
import { sync } from './sync';
import { syncRefusals } from './syncRefusals';
import { users } from './users';
import type { Messages } from '../messages';

export const en: Messages = {
  ...campaigns,
  ...choices,
  ...commandErrors,
  ...common,
  ...dialogs,
  ...domain,
  ...errors,
  ...imports,
  ...information,
  ...letters,
  ...overview,
  ...person,
  ...personPage,
  ...register,
  ...reports,
  ...requests,
  ...settings,
  ...signIn,
  ...syncRefusals,
  ...sync,
  ...users,
};
