import { useId, type ReactNode } from 'react';

/** A data table that scrolls sideways on narrow screens; the scrolling region is focusable so keyboard users can
 * scroll it, and is named by the table's caption. */
export function ScrollTable({ caption, children, className }: { caption: string; children: ReactNode; className?: string }) {
  const id = useId();
  return (
    <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className={`table ${className ?? ''}`}>
        <caption id={`${id}-caption`} className="table__caption">
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}
