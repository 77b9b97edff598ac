import { useEffect, useRef } from 'react';
import type { PageDef } from '../page-list.ts';
import { useLocation } from '../router.tsx';
import { SERVICE } from './layout.tsx';

/**
 * Brings the element with this id to the top and focuses it, then keeps it there while the page grows: sections
 * above it load their figures after it appears, which would otherwise push it thousands of pixels down. Stops at
 * the user's first scroll, key or click, once nothing has been loading for a second, or after 20 s.
 */
function keepInView(id: string): () => void {
  let frame = 0;
  let observer: ResizeObserver | null = null;
  let quietTimer = 0;
  const started = performance.now();
  const align = (target: HTMLElement) => target.scrollIntoView({ block: 'start' });
  const stop = () => {
    cancelAnimationFrame(frame);
    observer?.disconnect();
    window.clearTimeout(quietTimer);
    for (const type of ['wheel', 'touchstart', 'keydown', 'mousedown'] as const) window.removeEventListener(type, stop, true);
  };
  for (const type of ['wheel', 'touchstart', 'keydown', 'mousedown'] as const) window.addEventListener(type, stop, { capture: true, passive: true });
  const settleLater = () => {
    window.clearTimeout(quietTimer);
    quietTimer = window.setTimeout(() => (document.querySelector('.state--loading') ? settleLater() : stop()), 1000);
  };
  const seek = () => {
    const target = document.getElementById(id);
    if (!target) {
      // The section may be in a chunk that is still loading: look for it for a few seconds.
      if (performance.now() - started < 5000) frame = requestAnimationFrame(seek);
      else stop();
      return;
    }
    align(target);
    target.focus({ preventScroll: true });
    observer = new ResizeObserver(() => {
      if (performance.now() - started > 20_000) return stop();
      align(target);
      settleLater();
    });
    observer.observe(document.body);
    settleLater();
  };
  seek();
  return stop;
}

/** After an in-app navigation: set the title, then move focus to the new page (or to the #section asked for). */
export function useNavigationFocus(page: PageDef | undefined) {
  const location = useLocation();
  const previousPath = useRef<string | null>(null);
  useEffect(() => {
    document.title = page ? `${page.title} – ${SERVICE}` : `Page not found – ${SERVICE}`;
  }, [page]);
  useEffect(() => {
    const firstRender = previousPath.current === null;
    const pathChanged = previousPath.current !== location.path;
    previousPath.current = location.path;
    if (location.hash) return keepInView(location.hash);
    if (pathChanged && !firstRender) {
      window.scrollTo(0, 0);
      document.getElementById('main')?.focus({ preventScroll: true });
    }
    return undefined;
  }, [location.path, location.hash]);
}
