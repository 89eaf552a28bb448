/**
 * Personen: the list, or the form for #/personen/neu and #/personen/<id>. The form (with its
 * dialogs, rights and conflict parts) is a chunk of its own: the first paint after sign-in is the
 * list, so the start bundle does not carry it (issue 18's budget). The list fetches it ahead.
 */
import { Suspense } from 'react';
import { lazyWithMessages } from '../lazyWithMessages';
import { useT } from '../i18n';
import { useRoute } from '../route';
import { PersonList } from './PersonList';
import { loadPersonForm } from './personFormChunk';

const PersonForm = lazyWithMessages(() => loadPersonForm().then((m) => ({ default: m.PersonForm })));

export function PersonsScreen() {
  const tr = useT();
  const { rest } = useRoute();
  const id = rest[0];
  if (!id) return <PersonList />;
  return (
    <Suspense fallback={<p role="status">{tr('ui.loading')}</p>}>
      {/* The key remounts the form for another person, so no draft leaks between persons. */}
      <PersonForm key={id} personId={id === 'neu' ? null : id} />
    </Suspense>
  );
}
