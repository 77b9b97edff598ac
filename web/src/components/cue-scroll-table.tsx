import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/**
 * A data table in a focusable region that scrolls sideways, with a visible cue ("Scroll sideways for more →")
 * while any column is out of view, so nothing is hidden off-screen without a sign. The first column should stay
 * in view (class `table--sticky-first`).
 */
export function CueScrollTable({ caption, children, className, testId }: { caption: string; children: ReactNode; className?: string; testId?: string }) {
  const id = useId();
  const region = useRef<HTMLDivElement>(null);
  const [hidden, setHidden] = useState<'none' | 'right' | 'left' | 'both'>('none');
  useEffect(() => {
    const element = region.current;
    if (!element) return undefined;
    const measure = () => {
      const right = element.scrollLeft + element.clientWidth < element.scrollWidth - 1;
      const left = element.scrollLeft > 1;
      setHidden(right && left ? 'both' : right ? 'right' : left ? 'left' : 'none');
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    element.addEventListener('scroll', measure, { passive: true });
    return () => {
      observer.disconnect();
      element.removeEventListener('scroll', measure);
    };
  }, []);
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
        ref={region}
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
