/** Datenpannen: the breach register (Art. 33) with the 72-hour clock, a section of its own. */
import { BreachRegister } from '../requests/BreachRegister';
import '../requests/requests.css';

export default function BreachesScreen() {
  return (
    <div className="screen requests">
      <BreachRegister />
    </div>
  );
}
