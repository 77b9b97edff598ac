import { useState, type RefObject } from 'react';
import { chartImageSvg, imageFileStem, saveBlob, svgToPng } from '../charts/chart-image.ts';
import { useAppData } from '../filters.ts';
import { formatDate } from '../format.ts';

/** The source line under a chart image: the dashboard, the extract's date, and the synthetic flag when it is. */
export function useImageNotes(): string[] {
  const { catalogue } = useAppData();
  const { synthetic, extract_date } = catalogue.data;
  return [
    `Source: SEND Joint Commissioning Dashboard, extract of ${formatDate(extract_date)}; benchmarks: Department for Education (Open Government Licence v3.0).`,
    ...(synthetic ? ['SYNTHETIC DATA: these are not real figures.'] : []),
  ];
}

/** "Download this chart: SVG, PNG" for slides; the image is the chart on screen with its title and source line. */
export function ChartImageLinks({ chartArea, title }: { chartArea: RefObject<HTMLDivElement | null>; title: string }) {
  const notes = useImageNotes();
  const [error, setError] = useState<string | null>(null);
  const make = async (kind: 'svg' | 'png') => {
    setError(null);
    const chart = chartArea.current?.querySelector('svg.recharts-surface, svg') as SVGSVGElement | null | undefined;
    if (!chart) return setError('Show the chart first, then download it.');
    const { svg, width, height } = chartImageSvg(chart, { title, notes });
    const stem = imageFileStem(title);
    try {
      if (kind === 'svg') saveBlob(new Blob([svg], { type: 'image/svg+xml' }), `${stem}.svg`);
      else saveBlob(await svgToPng(svg, width, height), `${stem}.png`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <p className="chart-block__images">
      <span className="chart-block__images-label">Download this chart for slides:</span>{' '}
      <button type="button" className="link-button" data-testid="chart-svg" onClick={() => void make('svg')}>
        SVG<span className="visually-hidden"> image of {title}</span>
      </button>{' '}
      <button type="button" className="link-button" data-testid="chart-png" onClick={() => void make('png')}>
        PNG<span className="visually-hidden"> image of {title}</span>
      </button>
      {error ? (
        <span className="error-message" role="alert">
          {error}
        </span>
      ) : null}
    </p>
  );
}
