/**
 * The German areas that only lazy screens, dialogs and the documents use: a chunk of its own,
 * loaded before any of them renders (`loadLaterMessages()` in ../messages), never at the start.
 */
import { campaigns } from './campaigns';
import { imports } from './imports';
import { information } from './information';
import { letters } from './letters';
import { overview } from './overview';
import { register } from './register';
import { reports } from './reports';
import { requests } from './requests';
import { settings } from './settings';
import { sync } from './sync';
import { users } from './users';

export const later = {
  ...campaigns,
  ...imports,
  ...information,
  ...letters,
  ...overview,
  ...register,
  ...reports,
  ...requests,
  ...settings,
  ...sync,
  ...users,
};
