import type { ReactNode } from 'react';
import { useMediaQuery } from '../use-media-query.ts';

/**
 * On screens 640 px wide and narrower, its children behind a GOV.UK details toggle, so the first screen of a page
 * shows figures rather than filters, notes and contents lists (issue 17); on wider screens the children as they are.
 */
export function FoldOnNarrow({ summary, className, children }: { summary: string; className?: string; children: ReactNode }) {
  const narrow = useMediaQuery('(max-width: 640px)');
  if (!narrow) return <>{children}</>;
  return (
    <details className={`details${className ? ` ${className}` : ''}`}>
      <summary className="details__summary">
        <span className="details__summary-text">{summary}</span>
      </summary>
      <div className="details__text">{children}</div>
    </details>
  );
}
