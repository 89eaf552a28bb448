/**
 * The main navigation. On a tablet or a desktop every section is listed. On a phone a bar at the
 * bottom holds the sections used every day and "Menü" opens the others above it: eight sections
 * as two rows of four took 90 px of the screen and shrank their labels to 12 px.
 */
import { useEffect, useRef, useState } from 'react';
import { useT } from './i18n';
import { href, useRoute, type ScreenId } from './route';

/** Behind "Menü" on a phone: the sections used least in the field. */
const IN_MENU: ReadonlySet<ScreenId> = new Set(['datenpannen', 'protokoll', 'verzeichnis', 'einstellungen']);

export function MainNav({ sections, phone }: { sections: readonly ScreenId[]; phone: boolean }) {
  const tr = useT();
  const { screen } = useRoute();
  const link = (s: ScreenId) => (
    <li key={s}>
      <a href={href(s)} aria-current={screen === s ? 'page' : undefined}>
        {tr(`ui.nav.${s}`)}
      </a>
    </li>
  );
  return (
    <nav className="mainnav" aria-label={tr('ui.nav.label')}>
      {phone ? (
        <PhoneBar
          bar={sections.filter((s) => !IN_MENU.has(s))}
          menu={sections.filter((s) => IN_MENU.has(s))}
          link={link}
        />
      ) : (
        <ul>{sections.map(link)}</ul>
      )}
    </nav>
  );
}

interface PhoneBarProps {
  bar: ScreenId[];
  menu: ScreenId[];
  link: (s: ScreenId) => React.ReactNode;
}

function PhoneBar({ bar, menu, link }: PhoneBarProps) {
  const tr = useT();
  const { screen } = useRoute();
  // Open on the screen it was opened on: choosing a section closes it.
  const [openOn, setOpenOn] = useState<ScreenId | null>(null);
  const open = openOn === screen;
  const close = () => setOpenOn(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLUListElement>(null);

  // A tap anywhere else closes it too; Escape closes it and returns to the button.
  useEffect(() => {
    if (!open) return;
    const outside = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) close();
    };
    const escape = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      close();
      button.current?.focus();
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('keydown', escape);
    };
  }, [open]);

  return (
    <>
      <ul>
        {bar.map(link)}
        <li>
          <button
            ref={button}
            type="button"
            className="menu-button"
            aria-expanded={open}
            aria-controls="nav-menu"
            // The current section is behind the menu: the button shows it the way a current link does.
            data-current={menu.includes(screen) || undefined}
            onClick={() => setOpenOn(open ? null : screen)}
          >
            {tr('ui.nav.menu')}
          </button>
        </li>
      </ul>
      {open && (
        // A link to the section already shown closes the menu too (the screen does not change).
        <ul id="nav-menu" ref={panel} className="nav-menu" onClick={close}>
          {menu.map(link)}
        </ul>
      )}
    </>
  );
}
