import { useId, type ReactNode } from 'react';
import { useOverflow } from '../use-overflow.ts';

/**
 * A data table (every table of the dashboard) in a focusable region that scrolls sideways, named by the table's
 * caption, with a visible cue ("Scroll the table sideways to see more columns") while any column is out of view, so
 * nothing is hidden off-screen without a sign. Wide tables should keep their first column in view (class
 * `table--sticky-first`).
 */
export function ScrollTable({ caption, children, className, testId }: { caption: string; children: ReactNode; className?: string; testId?: string }) {
  const id = useId();
  const { ref, overflows, atStart, atEnd } = useOverflow<HTMLDivElement>();
  const hidden = !overflows ? 'none' : !atStart && !atEnd ? 'both' : atStart ? 'right' : 'left';
  return (
    <>
      {hidden !== 'none' ? (
        <p className="scroll-cue" data-testid="scroll-cue" id={`${id}-cue`}>
          {hidden === 'left' ? <span className="scroll-cue__arrow" aria-hidden="true">←</span> : null}
          {hidden === 'left' ? 'Scroll back to see the first columns' : 'Scroll the table sideways to see more columns'}
          {hidden !== 'left' ? <span className="scroll-cue__arrow" aria-hidden="true">→</span> : null}
        </p>
      ) : null}
      <div
        className={`table-scroll${hidden === 'none' ? '' : ` table-scroll--cue-${hidden}`}`}
        role="region"
        aria-labelledby={`${id}-caption`}
        tabIndex={0}
        ref={ref}
        data-testid={testId}
      >
        <table className={`table ${className ?? ''}`}>
          <caption id={`${id}-caption`} className="table__caption">
            {caption}
          </caption>
          {children}
        </table>
      </div>
    </>
  );
}
