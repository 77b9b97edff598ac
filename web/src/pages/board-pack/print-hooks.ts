import { useEffect, useState } from 'react';
import '../../components/board-pack-styles.css';

// Printing the board pack: the area and period in every page's footer, and when the charts are drawn.

/** Puts the area and period into the footer of every printed page (a CSS @page margin box, set through the
 * CSSOM: the server's CSP allows no inline styles). */
export function usePrintFooter(text: string): void {
  useEffect(() => {
    if (typeof CSSStyleSheet === 'undefined' || !('adoptedStyleSheets' in document)) return undefined;
    // JSON's string escapes (\" and \\) are CSS's too; control characters, which they differ on, become spaces.
    const content = JSON.stringify([...text].map((c) => (c < ' ' || c === '\u007f' ? ' ' : c)).join(''));
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`@page board-pack { @bottom-left { content: ${content}; } } @page board-pack-synthetic { @bottom-left { content: ${content}; } }`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [text]);
}

/** True two frames after `ready`: the charts have been laid out and painted. */
export function useDrawn(ready: boolean, key: string): boolean {
  const [drawn, setDrawn] = useState<string | null>(null);
  useEffect(() => {
    if (!ready) return undefined;
    let second = 0;
    const first = requestAnimationFrame(() => {
      second = requestAnimationFrame(() => setDrawn(key));
    });
    return () => {
      cancelAnimationFrame(first);
      cancelAnimationFrame(second);
    };
  }, [ready, key]);
  return ready && drawn === key;
}
