import { useEffect, useRef, useState, type RefObject } from 'react';

/**
 * Whether a scrolling box is wider than its content fits, and whether it is scrolled to its end: for a visible
 * "scroll sideways" cue on narrow screens, so no column is hidden off-screen without a word.
 */
export function useOverflow<T extends HTMLElement>(): { ref: RefObject<T | null>; overflows: boolean; atStart: boolean; atEnd: boolean } {
  const ref = useRef<T | null>(null);
  const [state, setState] = useState({ overflows: false, atStart: true, atEnd: false });
  useEffect(() => {
    const box = ref.current;
    if (!box) return undefined;
    const measure = () => {
      const overflows = box.scrollWidth > box.clientWidth + 1;
      const atStart = box.scrollLeft <= 1;
      const atEnd = box.scrollLeft + box.clientWidth >= box.scrollWidth - 1;
      setState((s) => (s.overflows === overflows && s.atStart === atStart && s.atEnd === atEnd ? s : { overflows, atStart, atEnd }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    box.addEventListener('scroll', measure, { passive: true });
    return () => {
      observer.disconnect();
      box.removeEventListener('scroll', measure);
    };
  }, []);
  return { ref, ...state };
}
