/**
 * Links into Einstellungen that open the place where a gap is fixed (the Übersicht's and the
 * Prüfliste's findings): a recipient's entry opened in its form, a purpose's details, the controller's first empty
 * field, or the choice of the sync server's operator. Read by the sections themselves once their
 * data are there.
 */
import { href } from '../route';

/** The query naming a recipient to open in the form. */
export const RECIPIENT_PARAM = 'empfaenger';
/** The query naming a purpose whose details (its legitimate interest) to open. */
export const PURPOSE_PARAM = 'zweck';
/** The query naming a section to go to; 'verantwortlicher' is the controller's. */
export const SECTION_PARAM = 'abschnitt';
export const CONTROLLER_SECTION = 'verantwortlicher';
/** The sync server's operator (Einstellungen → Synchronisation). */
export const SYNC_OPERATOR_SECTION = 'sync-betreiber';

/** Einstellungen → Synchronisation, and its list of the changes held back. */
export const SYNC_SECTION = 'synchronisation';
export const HELD_BACK_SECTION = 'zurueckgehalten';

export const recipientHref = (id: string): string =>
  `${href('einstellungen')}?${new URLSearchParams({ [RECIPIENT_PARAM]: id }).toString()}`;

export const purposeHref = (id: string): string =>
  `${href('einstellungen')}?${new URLSearchParams({ [PURPOSE_PARAM]: id }).toString()}`;

export const controllerHref = (): string => `${href('einstellungen')}?${SECTION_PARAM}=${CONTROLLER_SECTION}`;

export const syncOperatorHref = (): string => `${href('einstellungen')}?${SECTION_PARAM}=${SYNC_OPERATOR_SECTION}`;

export const syncHref = (): string => `${href('einstellungen')}?${SECTION_PARAM}=${SYNC_SECTION}`;

export const heldBackHref = (): string => `${href('einstellungen')}?${SECTION_PARAM}=${HELD_BACK_SECTION}`;

/** Brings a field into view and into focus, for a link that led to it. */
export function focusField(id: string): void {
  const field = document.getElementById(id);
  field?.scrollIntoView({ block: 'center' });
  field?.focus();
}
