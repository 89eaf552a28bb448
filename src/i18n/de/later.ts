/**
 * The German areas that only lazy screens, dialogs and the documents use: a chunk of its own,
 * loaded before any of them renders (`loadLaterMessages()` in ../messages), never at the start.
 */
import { campaigns } from './campaigns';
import { choices } from './choices';
import { commandErrors } from './commandErrors';
import { dialogs } from './dialogs';
import { imports } from './imports';
import { information } from './information';
import { letters } from './letters';
import { overview } from './overview';
import { personPage } from './personPage';
import { register } from './register';
import { reports } from './reports';
import { requests } from './requests';
import { settings } from './settings';
import { sync } from './sync';
import { syncRefusals } from './syncRefusals';
import { users } from './users';

export const later = {
  ...campaigns,
  ...choices,
  ...commandErrors,
  ...dialogs,
  ...imports,
  ...information,
  ...letters,
  ...overview,
  ...personPage,
  ...register,
  ...reports,
  ...requests,
  ...settings,
  ...sync,
  ...syncRefusals,
  ...users,
};
