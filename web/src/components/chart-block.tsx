import { useId, useRef, useState, type ReactNode } from 'react';
import type { Significance } from '../format.ts';
import { SvgMarker, type Direction } from '../charts/marks.tsx';
import { useCanDownload } from '../export-links.ts';
import { ChartImageLinks } from './chart-image-links.tsx';

export type LegendItem =
  | { kind: 'line' | 'dashed' | 'band' | 'bar' | 'dark' | 'whisker' | 'hatch' | 'self' | 'dot' | 'point' | 'diamond' | 'square' | 'centre' | 'iqr' | 'range' | 'projection'; label: string }
  | { kind: 'marker'; label: string; significance: Significance; direction: Direction }
  | { kind: 'symbol'; symbol: string; label: string };

function Swatch({ item }: { item: LegendItem }) {
  switch (item.kind) {
    case 'marker':
      return (
        <svg width="18" height="18" viewBox="-9 -9 18 18" aria-hidden="true" focusable="false">
          <SvgMarker x={0} y={0} significance={item.significance} direction={item.direction} r={6} />
        </svg>
      );
    case 'symbol':
      return <span className="legend-symbol" aria-hidden="true">{item.symbol}</span>;
    default:
      return <span className={`legend-swatch legend-swatch--${item.kind}`} aria-hidden="true" />;
  }
}

/** A legend in HTML (so it wraps, zooms and prints), under a chart. */
export function ChartLegend({ items }: { items: LegendItem[] }) {
  return (
    <ul className="chart-legend">
      {items.map((item) => (
        <li key={item.label}>
          <Swatch item={item} />
          {item.label}
        </li>
      ))}
    </ul>
  );
}

/**
 * A chart with the same figures one click away as a table, and a one-sentence summary. The SVG is hidden from
 * assistive technology: the summary is its text alternative and the table carries every figure.
 */
/**
 * The button that swaps a figure between its picture and its table. `chartName` names the picture
 * ("Show as chart", "Show as heat map"); `subject` is read out after it so a screen reader hears which figure.
 */
export function TableToggle({ id, asTable, onToggle, chartName, subject }: { id: string; asTable: boolean; onToggle: () => void; chartName: string; subject: string }) {
  return (
    <button
      type="button"
      className="button button--secondary button--small chart-block__toggle"
      aria-controls={`${id}-table`}
      aria-expanded={asTable}
      onClick={onToggle}
    >
      {asTable ? `Show as ${chartName}` : 'Show as table'}
      <span className="visually-hidden">: {subject}</span>
    </button>
  );
}

export function ChartBlock({
  title,
  summary,
  chart,
  table,
  legend,
  headingLevel = 3,
  testId,
  download,
}: {
  title: string;
  summary: string;
  chart: ReactNode;
  table: ReactNode;
  legend?: LegendItem[];
  headingLevel?: 3 | 4;
  testId?: string;
  /** The same figures as a tidy CSV export (disclosure control applied by the server). */
  download?: string;
}) {
  const [asTable, setAsTable] = useState(false);
  const chartArea = useRef<HTMLDivElement>(null);
  const id = useId();
  const canDownload = useCanDownload();
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <figure className="chart-block" aria-labelledby={`${id}-title`} data-testid={testId}>
      <div className="chart-block__header">
        <Heading className="chart-block__title" id={`${id}-title`}>
          {title}
        </Heading>
        <TableToggle id={id} asTable={asTable} onToggle={() => setAsTable((v) => !v)} chartName="chart" subject={title} />
      </div>
      <figcaption className="chart-block__summary" data-testid="chart-summary">
        {summary}
      </figcaption>
      <div id={`${id}-chart`} className="chart-block__chart" hidden={asTable}>
        {/* inert as well as aria-hidden: React listens for focus events on Recharts' portal layers, which makes
            Chromium put those SVG groups in the tab order. */}
        <div className="chart-area" aria-hidden="true" inert ref={chartArea}>
          {chart}
        </div>
        {legend ? <ChartLegend items={legend} /> : null}
        <ChartImageLinks chartArea={chartArea} title={title} />
      </div>
      <div id={`${id}-table`} className="chart-block__table" hidden={!asTable}>
        {table}
      </div>
      {download && canDownload ? (
        <p className="chart-block__download">
          <a href={download} download data-testid="download-csv">
            Download this table (CSV)<span className="visually-hidden">: {title}</span>
          </a>
        </p>
      ) : null}
    </figure>
  );
}

