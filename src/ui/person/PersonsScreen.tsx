/** Personen: the list, or the form for #/personen/neu and #/personen/<id>. */
import { useRoute } from '../route';
import { PersonList } from './PersonList';
import { PersonForm } from './PersonForm';

export function PersonsScreen() {
  const { rest } = useRoute();
  const id = rest[0];
  if (!id) return <PersonList />;
  // The key remounts the form for another person, so no draft leaks between persons.
  return <PersonForm key={id} personId={id === 'neu' ? null : id} />;
}
