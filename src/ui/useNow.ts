import { useEffect, useState } from 'react';

/** The current time, refreshed every `intervalMs`: for clocks that count down while a screen is open (72 hours, days left). */
export function useNow(intervalMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}
