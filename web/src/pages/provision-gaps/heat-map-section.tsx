import { useId, useState } from 'react';
import type { GridCell } from '../../../../contract/analytics.ts';
import { ageBandText, children, count, placesOf, provisionInSentence, provisionLabel, ratio } from '../../analytics-format.ts';
import { AnalyticsSection, InlineFilter, SymbolKey, TableDownload } from '../../components/analytics-ui.tsx';
import { HeatMap, HeatMapKey, heatLevel, type HeatLevel } from '../../components/heat-map.tsx';
import { TableToggle } from '../../components/chart-block.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { EmptyState } from '../../components/states.tsx';
import { formatDate } from '../../format.ts';
import type { Data } from './shared.ts';
import { query, gap } from './shared.ts';

// Heat map

export interface HeatView {
  value: string;
  kind: 'area' | 'band';
  /** An area code or an age band. */
  key: string;
  label: string;
}

export function heatViews(data: Data): HeatView[] {
  const views: HeatView[] = [{ value: `area:${data.la.area_code}`, kind: 'area', key: data.la.area_code, label: `${data.la.area_name} (whole local authority)` }];
  for (const l of data.localities) views.push({ value: `area:${l.area_code}`, kind: 'area', key: l.area_code, label: `${l.area_name} locality` });
  if (data.localities.length > 0) {
    for (const band of data.age_bands) views.push({ value: `band:${band}`, kind: 'band', key: band, label: band === 'all' ? 'All ages' : `Ages ${ageBandText(band)}` });
  }
  return views;
}

type Column = { key: string; label: string };
type CellOf = (category: string, column: string) => GridCell | undefined;

/** The view's columns (age bands, or the LA and its localities), its cell lookup and the categories with anything in them. */
function heatGrid(data: Data, view: HeatView): { columns: Column[]; cellOf: CellOf; categories: string[] } {
  const cells = new Map(data.grid.map((c) => [`${c.category}|${c.area_code}|${c.age_band}`, c]));
  const areas = [data.la, ...data.localities];
  const columns =
    view.kind === 'area'
      ? data.age_bands.map((b) => ({ key: b, label: b === 'all' ? 'All ages' : ageBandText(b) }))
      : areas.map((a) => ({ key: a.area_code, label: a.area_type === 'la' ? `${a.area_name} (LA)` : a.area_name }));
  const cellOf: CellOf = (category, column) =>
    view.kind === 'area' ? cells.get(`${category}|${view.key}|${column}`) : cells.get(`${category}|${column}|${view.key}`);
  // Categories in the API's order (largest LA gap first); categories with no children and no places anywhere are left out.
  const categories = data.categories
    .map((c) => c.category)
    .filter((category) => columns.some((col) => {
      const cell = cellOf(category, col.key);
      return cell && heatLevel(cell) !== 'none';
    }));
  return { columns, cellOf, categories };
}

/** The heat map's sentence: cells with more children than places (and with none), withheld cells, the widest gap. */
function heatSummary(data: Data, view: HeatView, categories: string[], slice: GridCell[]): string {
  const inner = slice.filter((c) => (view.kind === 'area' ? c.age_band !== 'all' : c.area_type === 'locality'));
  const short = inner.filter((c) => ['short-1', 'short-2', 'short-3', 'no-places'].includes(heatLevel(c)));
  const noPlaces = inner.filter((c) => heatLevel(c) === 'no-places');
  const withheldCells = inner.filter((c) => heatLevel(c) === 'withheld').length;
  const widest = [...inner].filter((c) => c.gap.value !== null && c.gap.value > 0).sort((a, b) => (b.gap.value ?? 0) - (a.gap.value ?? 0))[0];
  const where = view.kind === 'area' ? (view.key === data.la.area_code ? data.la.area_name : `${view.label.replace(/ locality$/, '')} locality`) : `${view.label.toLowerCase()} across the localities`;
  return categories.length === 0
    ? `There are no children with these kinds of provision and no Local Offer places in ${where}.`
    : `In ${where}, ${short.length} of ${inner.length} ${view.kind === 'area' ? 'provision and age band' : 'provision and locality'} cells have more children than places` +
        (noPlaces.length > 0 ? `, ${noPlaces.length} of them with no places at all` : '') +
        (withheldCells > 0 ? ` (${withheldCells} ${withheldCells === 1 ? 'cell is' : 'cells are'} suppressed)` : '') +
        (widest
          ? `; the widest gap is ${provisionInSentence(widest.category)} for ${view.kind === 'area' ? `ages ${ageBandText(widest.age_band)}` : widest.area_name} (${children(widest.demand.value ?? 0)}, ${widest.capacity.value === 0 ? 'no' : placesOf(widest.capacity)} places).`
          : '.');
}

/** The heat map's figures as a table: a row per provision and column, with demand, places, gap and ratio. */
function HeatTable({ view, categories, columns, cellOf, caption }: { view: HeatView; categories: string[]; columns: Column[]; cellOf: CellOf; caption: string }) {
  return (
    <ScrollTable caption={`Demand, places, gap and children per place: ${caption.replace(/^Children per Local Offer place by provision and [a-z ]+: /, '')}`}>
      <thead>
        <tr>
          <th scope="col">Provision</th>
          <th scope="col">{view.kind === 'area' ? 'Ages' : 'Area'}</th>
          <th scope="col" className="numeric">Children</th>
          <th scope="col" className="numeric">Places a year</th>
          <th scope="col" className="numeric">Gap (children − places)</th>
          <th scope="col" className="numeric">Children per place</th>
        </tr>
      </thead>
      <tbody>
        {categories.flatMap((category) =>
          columns.map((col) => {
            const c = cellOf(category, col.key);
            if (!c) return null;
            return (
              <tr key={`${category}|${col.key}`}>
                <th scope="row">{provisionLabel(category)}</th>
                <td>{col.label}</td>
                <td className="numeric">{count(c.demand)}</td>
                <td className="numeric">{placesOf(c.capacity)}</td>
                <td className="numeric">{gap(c)}</td>
                <td className="numeric">{ratio(c.ratio)}</td>
              </tr>
            );
          }),
        )}
      </tbody>
    </ScrollTable>
  );
}

export function HeatMapSection({ data, view, views }: { data: Data; view: HeatView; views: HeatView[] }) {
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  const { columns, cellOf, categories } = heatGrid(data, view);
  const slice = categories.flatMap((category) => columns.flatMap((col) => cellOf(category, col.key) ?? []));
  const levels = new Set<HeatLevel>(slice.map(heatLevel));
  const summary = heatSummary(data, view, categories, slice);
  const caption = `Children per Local Offer place by provision and ${view.kind === 'area' ? 'age band' : 'locality'}: ${view.kind === 'area' ? view.label.replace(' (whole local authority)', '') : view.label}, ${formatDate(data.period.end_date)}`;
  const symbols = slice.flatMap((c) => [c.demand.symbol, c.capacity.symbol, c.ratio.symbol]);
  return (
    <AnalyticsSection id="heat-map" title="Demand and places by age band and locality" testId="heat-map-section">
      <p className="analytics-text">
        Children whose EHC plans include each kind of provision, against the places a year that Local Offer services of that kind list for the
        same ages and locality. Above 1 child per place, more children need the provision than there are places.
      </p>
      <InlineFilter
        name="heat"
        label="Show"
        value={view.value}
        button="Show heat map"
        options={views.map((v) => ({ value: v.value, label: v.label, group: v.kind === 'area' ? 'One area, by age band' : 'One age band, by locality' }))}
      />
      <figure className="chart-block" aria-labelledby={`${id}-title`}>
        <div className="chart-block__header">
          <h3 className="chart-block__title" id={`${id}-title`}>
            {view.kind === 'area' ? `By age band: ${view.label}` : `By locality: ${view.label.toLowerCase()}`}, {formatDate(data.period.end_date)}
          </h3>
          {/* Only with something to show: in the empty state there is no table for the button to control. */}
          {categories.length > 0 ? (
            <TableToggle id={id} asTable={asTable} onToggle={() => setAsTable((v) => !v)} chartName="heat map" subject="demand and places" />
          ) : null}
        </div>
        <figcaption className="chart-block__summary" data-testid="chart-summary">
          {summary}
        </figcaption>
        {categories.length === 0 ? (
          <EmptyState title="There is nothing to show for this view." />
        ) : (
          <>
            <div id={`${id}-map`} hidden={asTable}>
              <HeatMap caption={caption} categories={categories} columns={columns} cellOf={cellOf} />
              <HeatMapKey levels={[...levels]} />
            </div>
            <div id={`${id}-table`} hidden={!asTable}>
              <HeatTable view={view} categories={categories} columns={columns} cellOf={cellOf} caption={caption} />
            </div>
            <SymbolKey symbols={symbols} />
          </>
        )}
      </figure>
      <TableDownload table="provision-gaps-grid" params={query(data)} />
    </AnalyticsSection>
  );
}
