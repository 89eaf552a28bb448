/**
 * The app's one database connection. Screens only hand it to `src/data/queries` (read, live with
 * useLiveQuery) and `src/data/commands` (write); they touch no table themselves. No copy in a store.
 */
import { openDatabase } from '../data/db';

export const db = openDatabase();
