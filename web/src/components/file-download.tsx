import { useState, type MouseEvent, type ReactNode } from 'react';
import { saveBlob } from '../charts/chart-image.ts';

// A download link that reports failure. A plain <a download> that gets an error answer (403, 503) is dropped by
// the browser without a word; this fetches the file itself, saves it through an object URL when it arrives, and
// otherwise shows the server's reason in an alert next to the link. Without JavaScript it is still a plain link.

async function reasonOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    if (typeof body.error === 'string') return body.error;
  } catch {
    // not JSON: fall back to the status
  }
  if (response.status === 403) return 'Your role does not allow this download.';
  return `The server answered ${response.status} ${response.statusText}.`.trim();
}

export function FileDownload({ href, filename, what, className, children }: { href: string; filename: string; what: string; className?: string; children: ReactNode }) {
  const [state, setState] = useState<{ status: 'idle' | 'busy' } | { status: 'error'; message: string }>({ status: 'idle' });
  const download = async (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (state.status === 'busy') return;
    setState({ status: 'busy' });
    try {
      const response = await fetch(href, { credentials: 'same-origin' });
      if (!response.ok) return setState({ status: 'error', message: await reasonOf(response) });
      saveBlob(await response.blob(), filename);
      setState({ status: 'idle' });
    } catch (error) {
      setState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <>
      <a className={className} href={href} download={filename} onClick={(e) => void download(e)} aria-busy={state.status === 'busy' || undefined}>
        {children}
      </a>
      {state.status === 'busy' ? (
        <span className="file-download__busy" role="status">
          {' '}
          Preparing {what}…
        </span>
      ) : null}
      {state.status === 'error' ? (
        <div className="state state--error file-download__error" role="alert" data-testid="board-pack-download-error">
          <p className="state__title">{what.charAt(0).toUpperCase() + what.slice(1)} could not be downloaded.</p>
          <p>{state.message}</p>
        </div>
      ) : null}
    </>
  );
}
