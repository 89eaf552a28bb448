/** The app's one database connection. Screens read it live with useLiveQuery; no copy in a store. */
import { openDatabase } from '../data/db';

export const db = openDatabase();
