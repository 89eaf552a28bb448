/**
 * Privileged writes: restoring records as they are (no check, no audit entry), seeding the
 * default purposes (no audit entry) and logging what the data layer's own checks found (a book's
 * records changed outside the app: an entry any signed-in user's check may write, commands/findings.ts). A word in the write context could be passed by any caller, so
 * a privilege is an object only the data layer's own restore and seed code holds: each is handed
 * out once, when that module loads, and recognised by identity (a module-private WeakSet, like
 * sessions). A look-alike object or a second claim is refused.
 */
export type Privilege = 'restore' | 'seed' | 'finding';

export interface Capability {
  readonly privilege: Privilege;
}

const genuine = new WeakSet<Capability>();
const claimed = new Set<Privilege>();

/** Called once per privilege, at module load, by the module that runs such writes. */
export function claimPrivilege(privilege: Privilege): Capability {
  if (claimed.has(privilege)) throw new Error(`The ${privilege} privilege is held already`);
  claimed.add(privilege);
  const capability: Capability = Object.freeze({ privilege });
  genuine.add(capability);
  return capability;
}

export function holdsPrivilege(capability: unknown, privilege: Privilege): boolean {
  return (
    typeof capability === 'object' &&
    capability !== null &&
    genuine.has(capability as Capability) &&
    (capability as Capability).privilege === privilege
  );
}
