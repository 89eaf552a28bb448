/** Recording that a person was informed (Art. 13/14): when and how; logged, sealed with the person. */
import { INFORMATION_CHANNELS, informationOf, type InformationChannel } from '../../domain/information';
import type { ConsentbookDB } from '../db';
import { RuleError } from '../core/errors';
import type { Session } from '../core/session';
import { storedPerson } from '../queries/persons';
import { writeWith } from '../write';
import { localDate } from '../../domain/calendar';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function recordInformation(
  db: ConsentbookDB,
  session: Session,
  personId: string,
  input: { informedAt: string; channel: InformationChannel },
): Promise<void> {
  if (!ISO_DATE.test(input.informedAt) || Number.isNaN(Date.parse(input.informedAt)))
    throw new RuleError('error.informedAt', 'The date the person was informed is required (YYYY-MM-DD)');
  if (input.informedAt > localDate())
    throw new RuleError('error.informedAtFuture', 'The person cannot have been informed in the future');
  if (!INFORMATION_CHANNELS.includes(input.channel))
    throw new RuleError('error.informedChannel', `Unknown way of informing: ${input.channel}`);
  await writeWith(db, { session, intent: 'edit' }, [db.persons], async () => {
    const person = await storedPerson(db, personId);
    const information = { ...informationOf(person), informedAt: input.informedAt, channel: input.channel };
    await db.persons.put({ ...person, information });
  });
}
