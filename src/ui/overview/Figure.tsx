/** One figure of the overview: the number and what it counts, as one link to the list behind it. */
import type { ReactNode } from 'react';

interface FigureProps {
  value: number | string;
  label: string;
  to: string;
  /** Draws attention: something needs doing (a warning tone, never colour alone — the label says it). */
  tone?: 'warn' | 'danger' | 'ok';
  children?: ReactNode;
}

export function Figure({ value, label, to, tone, children }: FigureProps) {
  return (
    <li className={`figure${tone ? ` figure-${tone}` : ''}`}>
      <a href={to}>
        <span className="figure-value">{value}</span>
        <span className="figure-label">{label}</span>
      </a>
      {children}
    </li>
  );
}
