/** One figure of the overview: the number and what it counts, as one link to the list behind it. */
import type { ReactNode } from 'react';
import { formatNumber } from '../../i18n/locale';
import { useLang } from '../i18n';

interface FigureProps {
  value: number | string;
  label: string;
  to: string;
  /** Draws attention: something needs doing (a warning tone, never colour alone — the label says it). */
  tone?: 'warn' | 'danger' | 'ok';
  children?: ReactNode;
}

export function Figure({ value, label, to, tone, children }: FigureProps) {
  const lang = useLang();
  return (
    <li className={`figure${tone ? ` figure-${tone}` : ''}`}>
      <a href={to}>
        <span className="figure-value">{typeof value === 'number' ? formatNumber(lang, value) : value}</span>
        <span className="figure-label">{label}</span>
      </a>
      {children}
    </li>
  );
}
