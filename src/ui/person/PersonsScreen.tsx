/**
 * Personen: the list, or the form for #/personen/neu and #/personen/<id>. Both are chunks of their
 * own, outside the start bundle (issue 18's budget): the list (with its virtualiser) is fetched
 * while the passphrase is checked (shellChunks.ts), the form while the list is idle.
 */
import { Suspense } from 'react';
import { lazyWithMessages } from '../lazyWithMessages';
import { useT } from '../i18n';
import { useRoute } from '../route';
import { loadPersonForm } from './personFormChunk';
import { loadPersonList } from './personListChunk';

const PersonList = lazyWithMessages(() => loadPersonList().then((m) => ({ default: m.PersonList })));
const PersonForm = lazyWithMessages(() => loadPersonForm().then((m) => ({ default: m.PersonForm })));

export function PersonsScreen() {
  const tr = useT();
  const { rest } = useRoute();
  const id = rest[0];
  return (
    <Suspense fallback={<p role="status">{tr('ui.loading')}</p>}>
      {/* The key remounts the form for another person, so no draft leaks between persons. */}
      {id ? <PersonForm key={id} personId={id === 'neu' ? null : id} /> : <PersonList />}
    </Suspense>
  );
}
