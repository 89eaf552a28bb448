/**
 * The user's notes completing the generated register of processing activities (Art. 30), kept in
 * the settings: their shape and their check. Apart from the register's other shapes (overview.ts):
 * the settings rule in the start bundle checks them.
 */
import { isFields, isText, type RecordProblem } from './recordProblem';

/** The user's completion of the generated register, kept in the settings under REGISTER_NOTES_KEY. */
export interface RegisterNotes {
  activities: Record<string, { description?: string; transfers?: string }>;
  /** Measures outside the app (device encryption, physical access control, …). */
  additionalMeasures: string;
}

export const REGISTER_NOTES_KEY = 'registerNotes';
export const EMPTY_REGISTER_NOTES: RegisterNotes = { activities: {}, additionalMeasures: '' };

/** The longest note of the register. */
export const REGISTER_NOTE_MAX = 2000;

function noteProblem(where: string, v: unknown, max: number, optional = false): RecordProblem | undefined {
  if (optional && v === undefined) return undefined;
  if (!isText(v))
    return {
      messageKey: 'error.settingInvalid',
      reason: `${where} is not a text`,
      params: { key: REGISTER_NOTES_KEY },
    };
  if (v.length > max)
    return {
      messageKey: 'error.registerNoteTooLong',
      reason: `${where} is longer than ${max} characters`,
      params: { max },
    };
  return undefined;
}

/**
 * The first problem of the register's notes `changed` (as read: defaults filled in): texts, each at
 * most `max` long (Infinity: the types only).
 */
export function registerNotesProblem(
  value: Record<string, unknown>,
  changed: readonly string[],
  max = REGISTER_NOTE_MAX,
): RecordProblem | undefined {
  if (changed.includes('additionalMeasures')) {
    const problem = noteProblem('additionalMeasures', value.additionalMeasures, max);
    if (problem) return problem;
  }
  if (!changed.includes('activities')) return undefined;
  const activities = value.activities;
  if (!isFields(activities))
    return {
      messageKey: 'error.settingInvalid',
      reason: 'activities is not an object',
      params: { key: REGISTER_NOTES_KEY },
    };
  for (const [id, a] of Object.entries(activities)) {
    if (!isFields(a))
      return {
        messageKey: 'error.settingInvalid',
        reason: `activity ${id} is not an object`,
        params: { key: REGISTER_NOTES_KEY },
      };
    const problem =
      noteProblem(`activity ${id}'s description`, a.description, max, true) ??
      noteProblem(`activity ${id}'s transfers`, a.transfers, max, true);
    if (problem) return problem;
  }
  return undefined;
}
