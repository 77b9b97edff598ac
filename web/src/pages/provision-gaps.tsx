import { useId, useState } from 'react';
import type { CommissioningRow, GridCell, ProvisionGapsResponse } from '../../../contract/analytics.ts';
import { fetchProvisionGaps } from '../analytics-api.ts';
import {
  ageBandText,
  children,
  commissionerWords,
  count,
  largestGapSentence,
  percent,
  places,
  placesOf,
  outOfAreaStatement,
  provisionInSentence,
  provisionLabel,
  ratio,
  settingLabel,
  waitsDifference,
  weeks,
} from '../analytics-format.ts';
import { CategoryBars, type BarRow } from '../charts/category-bars.tsx';
import { AnalyticsSection, InlineFilter, SectionContents, SummaryList, SymbolKey, symbolLegend, TableDownload } from '../components/analytics-ui.tsx';
import { analyticsCsvPath } from '../export-links.ts';
import { ChartBlock } from '../components/chart-block.tsx';
import { HeatMap, HeatMapKey, heatLevel, type HeatLevel } from '../components/heat-map.tsx';
import { PageShell } from '../components/page-shell.tsx';
import { ScrollTable } from '../components/scroll-table.tsx';
import { Await, EmptyState } from '../components/states.tsx';
import { useFilters } from '../filters.ts';
import { categoryLabel, formatDate, joinWords } from '../format.ts';
import type { PageDef } from '../pages.ts';
import { useLocation } from '../router.tsx';
import { useMediaQuery } from '../use-media-query.ts';
import { useRequest } from '../use-request.ts';

// Provision gaps: demand (children whose EHC plans specify a kind of provision) against Local Offer capacity (places
// shared out by population), by provision category, locality and age band; who commissions it and how long children
// wait for it to start; Local Offer age coverage; out-of-area and independent placements. GET /api/analytics/provision-gaps.

type Data = ProvisionGapsResponse;

/** The query the page's figures answer, for the CSV downloads. */
const query = (data: Data) => ({ period: data.period.period });

const sections = [
  { id: 'largest-gaps', title: 'Largest gaps' },
  { id: 'heat-map', title: 'Demand and places by age band and locality' },
  { id: 'categories', title: 'Demand and places by provision' },
  { id: 'waits', title: 'Provision not yet delivered, by commissioner' },
  { id: 'age-coverage', title: 'Local Offer age coverage' },
  { id: 'placements', title: 'Out-of-area and independent placements' },
  { id: 'method', title: 'How these figures are worked out' },
];

/** A gap with its sign: "+24", "−53.2" (children minus places). */
const gap = (c: Pick<GridCell, 'gap'>): string => {
  const v = c.gap.value;
  if (v === null) return count(c.gap);
  return `${v > 0 ? '+' : v < 0 ? '−' : ''}${places(Math.abs(v))}`;
};

// ---------------------------------------------------------------------------------------------------------------
// Largest gaps

function LargestGaps({ data }: { data: Data }) {
  const end = formatDate(data.period.end_date);
  return (
    <AnalyticsSection id="largest-gaps" title="Largest gaps" testId="largest-gaps">
      <p className="analytics-text">
        Where most children have a kind of provision in their EHC plans compared with the places the Local Offer lists for their age and
        locality, on {end}. Ordered by the shortfall, largest first: the children who have the provision in their plans minus the places a year
        listed for them. A gap is counted only where the figures can be published.
      </p>
      {data.largest_gaps.length === 0 ? (
        <EmptyState title="No gaps can be listed for this year.">
          <p>
            Either every locality and age band has at least as many places as children, or the gaps rest on figures too small to publish (fewer
            than {data.threshold + 1} children).
          </p>
        </EmptyState>
      ) : (
        <ol className="statements statements--gaps" data-testid="largest-gap-list">
          {data.largest_gaps.slice(0, 10).map((g) => (
            <li key={`${g.category}|${g.area_code}|${g.age_band}`}>
              <p data-testid="largest-gap">{largestGapSentence(g, data.la)}</p>
            </li>
          ))}
        </ol>
      )}
      {data.largest_gaps.length > 10 ? (
        <details className="details analytics-details">
          <summary className="details__summary">
            <span className="details__summary-text">All {data.largest_gaps.length} gaps listed as a table</span>
          </summary>
          <div className="details__text">
            <ScrollTable caption={`Largest gaps by locality and age band, ${end}`}>
              <thead>
                <tr>
                  <th scope="col" className="numeric">Rank</th>
                  <th scope="col">Provision</th>
                  <th scope="col">Locality</th>
                  <th scope="col">Ages</th>
                  <th scope="col" className="numeric">Children</th>
                  <th scope="col" className="numeric">Places</th>
                  <th scope="col" className="numeric">Shortfall (children − places)</th>
                  <th scope="col">Commissioned by</th>
                </tr>
              </thead>
              <tbody>
                {data.largest_gaps.map((g) => (
                  <tr key={`${g.category}|${g.area_code}|${g.age_band}`}>
                    <td className="numeric">{g.rank}</td>
                    <th scope="row">{provisionLabel(g.category)}</th>
                    <td>{g.area_name}</td>
                    <td>{ageBandText(g.age_band)}</td>
                    <td className="numeric">{g.demand}</td>
                    <td className="numeric">{placesOf({ value: g.capacity, symbol: null })}</td>
                    <td className="numeric">{places(g.gap)}</td>
                    <td>{g.commissioners.map((c) => commissionerWords(c, data.la)).join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          </div>
        </details>
      ) : null}
    </AnalyticsSection>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Heat map

interface HeatView {
  value: string;
  kind: 'area' | 'band';
  /** An area code or an age band. */
  key: string;
  label: string;
}

function heatViews(data: Data): HeatView[] {
  const views: HeatView[] = [{ value: `area:${data.la.area_code}`, kind: 'area', key: data.la.area_code, label: `${data.la.area_name} (whole local authority)` }];
  for (const l of data.localities) views.push({ value: `area:${l.area_code}`, kind: 'area', key: l.area_code, label: `${l.area_name} locality` });
  if (data.localities.length > 0) {
    for (const band of data.age_bands) views.push({ value: `band:${band}`, kind: 'band', key: band, label: band === 'all' ? 'All ages' : `Ages ${ageBandText(band)}` });
  }
  return views;
}

function HeatMapSection({ data, view, views }: { data: Data; view: HeatView; views: HeatView[] }) {
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  const cells = new Map(data.grid.map((c) => [`${c.category}|${c.area_code}|${c.age_band}`, c]));
  const areas = [data.la, ...data.localities];
  const columns =
    view.kind === 'area'
      ? data.age_bands.map((b) => ({ key: b, label: b === 'all' ? 'All ages' : ageBandText(b) }))
      : areas.map((a) => ({ key: a.area_code, label: a.area_type === 'la' ? `${a.area_name} (LA)` : a.area_name }));
  const cellOf = (category: string, column: string): GridCell | undefined =>
    view.kind === 'area' ? cells.get(`${category}|${view.key}|${column}`) : cells.get(`${category}|${column}|${view.key}`);
  // Categories in the API's order (largest LA gap first); categories with no children and no places anywhere are left out.
  const categories = data.categories
    .map((c) => c.category)
    .filter((category) => columns.some((col) => {
      const cell = cellOf(category, col.key);
      return cell && heatLevel(cell) !== 'none';
    }));
  const slice = categories.flatMap((category) => columns.flatMap((col) => cellOf(category, col.key) ?? []));
  const inner = slice.filter((c) => (view.kind === 'area' ? c.age_band !== 'all' : c.area_type === 'locality'));
  const levels = new Set<HeatLevel>(slice.map(heatLevel));
  const short = inner.filter((c) => ['short-1', 'short-2', 'short-3', 'no-places'].includes(heatLevel(c)));
  const noPlaces = inner.filter((c) => heatLevel(c) === 'no-places');
  const withheldCells = inner.filter((c) => heatLevel(c) === 'withheld').length;
  const widest = [...inner].filter((c) => c.gap.value !== null && c.gap.value > 0).sort((a, b) => (b.gap.value ?? 0) - (a.gap.value ?? 0))[0];
  const where = view.kind === 'area' ? (view.key === data.la.area_code ? data.la.area_name : `${view.label.replace(/ locality$/, '')} locality`) : `${view.label.toLowerCase()} across the localities`;
  const summary =
    categories.length === 0
      ? `There are no children with these kinds of provision and no Local Offer places in ${where}.`
      : `In ${where}, ${short.length} of ${inner.length} ${view.kind === 'area' ? 'provision and age band' : 'provision and locality'} cells have more children than places` +
        (noPlaces.length > 0 ? `, ${noPlaces.length} of them with no places at all` : '') +
        (withheldCells > 0 ? ` (${withheldCells} ${withheldCells === 1 ? 'cell is' : 'cells are'} suppressed)` : '') +
        (widest
          ? `; the widest gap is ${provisionInSentence(widest.category)} for ${view.kind === 'area' ? `ages ${ageBandText(widest.age_band)}` : widest.area_name} (${children(widest.demand.value ?? 0)}, ${widest.capacity.value === 0 ? 'no' : placesOf(widest.capacity)} places).`
          : '.');
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
            <button
              type="button"
              className="button button--secondary button--small chart-block__toggle"
              aria-controls={`${id}-table`}
              aria-expanded={asTable}
              onClick={() => setAsTable((v) => !v)}
            >
              {asTable ? 'Show as heat map' : 'Show as table'}
              <span className="visually-hidden">: demand and places</span>
            </button>
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
            </div>
            <SymbolKey symbols={symbols} />
          </>
        )}
      </figure>
      <TableDownload table="provision-gaps-grid" params={query(data)} />
    </AnalyticsSection>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Categories (LA-wide)

function Categories({ data, narrow }: { data: Data; narrow: boolean }) {
  const shown = data.categories.filter((c) => c.demand.value !== 0 || (c.capacity.value ?? 0) > 0 || c.services > 0);
  const rows: BarRow[] = shown.map((c) => ({
    key: c.category,
    label: provisionLabel(c.category),
    values: [c.demand.value, c.capacity.value === null ? null : Math.round(c.capacity.value)],
    symbols: [c.demand.symbol, c.capacity.symbol],
  }));
  const short = data.categories.filter((c) => c.gap.value !== null && c.gap.value > 0);
  const top = short[0];
  const summary =
    shown.length === 0
      ? `No EHC plan in ${data.la.area_name} specifies provision of these kinds, and the Local Offer lists no places.`
      : `On ${formatDate(data.period.end_date)}, ${short.length} of ${shown.length} kinds of provision had more children needing them than Local Offer places in ${data.la.area_name}` +
        (top ? `; the widest gap was ${provisionInSentence(top.category)}: ${count(top.demand)} children, ${top.capacity.value === 0 ? 'no' : placesOf(top.capacity)} places.` : '.');
  const symbols = data.categories.flatMap((c) => [c.demand.symbol, c.capacity.symbol, c.ratio.symbol, c.gap.symbol]);
  return (
    <AnalyticsSection id="categories" title="Demand and places by provision" testId="categories">
      {shown.length === 0 ? (
        <EmptyState title="There is no provision to show for this year." />
      ) : (
        <ChartBlock
          title={`Children and places a year by provision, ${data.la.area_name}`}
          summary={summary}
          legend={[{ kind: 'bar', label: 'Children with the provision in their plan' }, { kind: 'hatch', label: 'Local Offer places a year' }, ...symbolLegend(rows.flatMap((r) => r.symbols))]}
          chart={<CategoryBars rows={rows} series={[{ name: 'Children', style: 'solid' }, { name: 'Places', style: 'hatch' }]} format={(v) => v.toLocaleString('en-GB')} narrow={narrow} />}
          table={
            <>
              <ScrollTable caption={`Demand and Local Offer places by provision, ${data.la.area_name}, ${formatDate(data.period.end_date)}`}>
                <thead>
                  <tr>
                    <th scope="col">Provision</th>
                    <th scope="col" className="numeric">Children</th>
                    <th scope="col" className="numeric">Places a year</th>
                    <th scope="col" className="numeric">Gap</th>
                    <th scope="col" className="numeric">Children per place</th>
                    <th scope="col" className="numeric">Services</th>
                    <th scope="col" className="numeric">Places listed</th>
                    <th scope="col">Commissioned by</th>
                  </tr>
                </thead>
                <tbody>
                  {data.categories.map((c) => (
                    <tr key={c.category} data-category={c.category}>
                      <th scope="row">{provisionLabel(c.category)}</th>
                      <td className="numeric">{count(c.demand)}</td>
                      <td className="numeric">{placesOf(c.capacity)}</td>
                      <td className="numeric">{gap(c)}</td>
                      <td className="numeric">{ratio(c.ratio)}</td>
                      <td className="numeric">{c.services}</td>
                      <td className="numeric">
                        {c.places_listed === null ? 'not stated' : placesOf({ value: c.places_listed, symbol: null })}
                        {c.places_unapportioned > 0 ? ` (${placesOf({ value: c.places_unapportioned, symbol: null })} with no population to share over)` : ''}
                      </td>
                      <td>{c.commissioners.length === 0 ? 'None recorded' : c.commissioners.map((x) => commissionerWords(x, data.la)).join('; ')}</td>
                    </tr>
                  ))}
                </tbody>
              </ScrollTable>
              <SymbolKey symbols={symbols} />
            </>
          }
          download={analyticsCsvPath('provision-gaps-categories', query(data))}
        />
      )}
    </AnalyticsSection>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Provision not yet delivered, by commissioner

// `words`: the same inside a sentence ("commissioned by the integrated care board"), never lower-cased from the label.
const commissionerChoices = [
  { value: 'all', label: 'All commissioners', words: 'all commissioners' },
  { value: 'LA', label: 'Local authority (LA)', words: 'the local authority' },
  { value: 'ICB', label: 'Integrated care board (ICB)', words: 'the integrated care board' },
  { value: 'unknown', label: 'Commissioner not recorded', words: 'a commissioner not recorded' },
] as const;

function commissionerName(row: CommissioningRow, data: Data): string {
  if (row.commissioner === 'all') return 'All commissioners';
  if (row.commissioner_type === 'LA' || row.commissioner_type === 'ICB' || row.commissioner_type === 'unknown') {
    const words = commissionerWords({ code: row.commissioner, type: row.commissioner_type }, data.la);
    return words.charAt(0).toUpperCase() + words.slice(1);
  }
  return row.commissioner;
}

const quartileText = (q: CommissioningRow['waiting_weeks']): string =>
  q.median.value === null ? weeks(q.median) : `${weeks(q.median)} (${weeks(q.q1)} to ${weeks(q.q3)})`;

function Waits({ data, type, narrow }: { data: Data; type: string; narrow: boolean }) {
  const rows = data.commissioning.rows.filter((r) => (type === 'all' ? r.commissioner === 'all' : r.commissioner_type === type));
  const totals = rows.filter((r) => r.category === 'all');
  const byCategory = rows.filter((r) => r.category !== 'all' && (r.children_with_provision.value !== 0 || r.children_waiting.value !== 0));
  const present = new Set(data.commissioning.rows.map((r) => r.commissioner_type));
  const choices = commissionerChoices.filter((c) => c.value === 'all' || present.has(c.value));
  const label = (r: CommissioningRow) => (type === 'all' ? provisionLabel(r.category) : `${provisionLabel(r.category)} (${commissionerName(r, data)})`);
  const inSentence = (r: CommissioningRow) => (type === 'all' ? provisionInSentence(r.category) : `${provisionInSentence(r.category)} (${commissionerName(r, data)})`);
  // Most first; withheld figures last.
  const byValue = (f: (r: CommissioningRow) => number | null) => (a: CommissioningRow, b: CommissioningRow) => (f(b) ?? -1) - (f(a) ?? -1);
  const end = formatDate(data.period.end_date);
  const chartRows: BarRow[] = [...byCategory].sort(byValue((r) => r.children_waiting.value)).map((r) => ({
    key: `${r.category}|${r.commissioner}`,
    label: label(r),
    values: [r.children_waiting.value],
    symbols: [r.children_waiting.symbol],
  }));
  const waitRows: BarRow[] = [...byCategory]
    .filter((r) => r.children_waiting.value !== 0)
    .sort(byValue((r) => r.waiting_weeks.median.value))
    .map((r) => ({
      key: `${r.category}|${r.commissioner}`,
      label: label(r),
      values: [r.waiting_weeks.median.value],
      symbols: [r.waiting_weeks.median.symbol],
      whisker: r.waiting_weeks.q1.value !== null && r.waiting_weeks.q3.value !== null ? [r.waiting_weeks.q1.value, r.waiting_weeks.q3.value] : null,
    }));
  const most = [...byCategory].filter((r) => r.children_waiting.value !== null).sort((a, b) => (b.children_waiting.value ?? 0) - (a.children_waiting.value ?? 0))[0];
  const longest = [...byCategory].filter((r) => r.waiting_weeks.median.value !== null).sort((a, b) => (b.waiting_weeks.median.value ?? 0) - (a.waiting_weeks.median.value ?? 0))[0];
  const choice = choices.find((c) => c.value === type);
  const who = choice?.label ?? 'All commissioners';
  const whoWords = choice?.words ?? 'all commissioners';
  const symbols = rows.flatMap((r) => [r.children_with_provision.symbol, r.children_waiting.symbol, r.waiting_weeks.median.symbol, r.children_started.symbol, r.started_wait_weeks.median.symbol]);
  const table = (
    <>
      <ScrollTable caption={`Provision in EHC plans not yet started, and waits, by provision and commissioner: ${whoWords}, ${end}`}>
        <thead>
          <tr>
            <th scope="col">Provision</th>
            <th scope="col">Commissioner</th>
            <th scope="col" className="numeric">Children with the provision</th>
            <th scope="col" className="numeric">Waiting for it to start</th>
            <th scope="col" className="numeric">Weeks waiting so far: median (quartiles)</th>
            <th scope="col" className="numeric">Started in the year</th>
            <th scope="col" className="numeric">Weeks to start: median (quartiles)</th>
          </tr>
        </thead>
        <tbody>
          {[...byCategory, ...totals].map((r) => (
            <tr key={`${r.category}|${r.commissioner}`} data-row={`${r.category}|${r.commissioner}`}>
              <th scope="row">{provisionLabel(r.category)}</th>
              <td>{commissionerName(r, data)}</td>
              <td className="numeric">{count(r.children_with_provision)}</td>
              <td className="numeric" data-testid="children-waiting">{count(r.children_waiting)}</td>
              <td className="numeric">{quartileText(r.waiting_weeks)}</td>
              <td className="numeric">{count(r.children_started)}</td>
              <td className="numeric">{quartileText(r.started_wait_weeks)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <SymbolKey symbols={symbols} />
    </>
  );
  return (
    <AnalyticsSection id="waits" title="Provision not yet delivered, by commissioner" testId="waits">
      <p className="analytics-text">
        Children whose EHC plans specify provision that has not started by {end}, how long they have waited so far, and how long provision that
        started during the year took to start. Choose the LA or the ICB to see what each commissions.
      </p>
      <p className="analytics-text" data-testid="waits-difference">
        {waitsDifference()}
      </p>
      <InlineFilter name="commissioner" label="Commissioner" value={type} options={choices.map((c) => ({ value: c.value, label: c.label }))} />
      {totals.length > 0 ? (
        <ul className="statements" data-testid="waits-statements">
          {totals.map((r) => (
            <li key={r.commissioner}>
              <p>
                <strong>{commissionerName(r, data)}</strong>: {count(r.children_waiting)} of {count(r.children_with_provision)} children with
                provision {r.commissioner === 'all' ? '' : 'it commissions '}were waiting for some of it to start
                {r.waiting_weeks.median.value !== null ? `, a median of ${weeks(r.waiting_weeks.median)} weeks so far` : ''}.
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      {byCategory.length === 0 ? (
        <EmptyState title={`No provision is commissioned by ${type === 'all' ? 'any commissioner' : whoWords} in this year.`} />
      ) : (
        <>
          <ChartBlock
            title="Children waiting for provision to start"
            summary={
              most && (most.children_waiting.value ?? 0) > 0
                ? `${who}: most children were waiting for ${inSentence(most)} (${count(most.children_waiting)} children on ${end}).`
                : `${who}: no published figure shows children waiting on ${end}.`
            }
            legend={[{ kind: 'bar', label: 'Children waiting' }, ...symbolLegend(chartRows.flatMap((r) => r.symbols))]}
            chart={<CategoryBars rows={chartRows} series={[{ name: 'Waiting', style: 'solid' }]} format={(v) => v.toLocaleString('en-GB')} narrow={narrow} />}
            table={table}
            download={analyticsCsvPath('provision-waits-by-commissioner', query(data))}
            testId="waiting-chart"
          />
          {waitRows.length > 0 ? (
            <ChartBlock
              title="Weeks waiting so far (median, with quartiles)"
              summary={
                longest
                  ? `${who}: the longest median wait so far was for ${inSentence(longest)}, ${weeks(longest.waiting_weeks.median)} weeks (half of the children waiting had waited between ${weeks(longest.waiting_weeks.q1)} and ${weeks(longest.waiting_weeks.q3)} weeks).`
                  : `${who}: the waits rest on figures too small to publish.`
              }
              legend={[{ kind: 'bar', label: 'Median weeks' }, { kind: 'whisker', label: 'Lower to upper quartile' }, ...symbolLegend(waitRows.flatMap((r) => r.symbols))]}
              chart={<CategoryBars rows={waitRows} series={[{ name: 'Median weeks', style: 'solid' }]} format={(v) => v.toLocaleString('en-GB', { maximumFractionDigits: 1 })} narrow={narrow} />}
              table={table}
              download={analyticsCsvPath('provision-waits-by-commissioner', query(data))}
            />
          ) : null}
        </>
      )}
    </AnalyticsSection>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Age coverage

const agesText = (ages: number[]): string => {
  // Runs of consecutive ages: [16, 17, 19] -> "16 to 17 and 19".
  const runs: string[] = [];
  let start = ages[0];
  for (let i = 0; i < ages.length; i++) {
    const a = ages[i] as number;
    const next = ages[i + 1];
    if (next !== a + 1) {
      runs.push(start === a ? String(a) : `${start} to ${a}`);
      start = next;
    }
  }
  return joinWords(runs);
};

function AgeCoverage({ data }: { data: Data }) {
  const { gaps, rows } = data.age_coverage;
  const categories = [...new Set(rows.map((r) => r.category))];
  const bands = [...new Set(rows.map((r) => r.age_band))];
  const byKey = new Map(rows.map((r) => [`${r.category}|${r.age_band}`, r]));
  const symbols = rows.map((r) => r.children.symbol);
  return (
    <AnalyticsSection id="age-coverage" title="Local Offer age coverage" testId="age-coverage">
      <p className="analytics-text">
        Ages for which children have a kind of provision in their plans but no Local Offer service of that kind is open to them, with the children in
        each age band who have that provision.
      </p>
      {gaps.length === 0 ? (
        <EmptyState title="Every age band with children needing a kind of provision has a Local Offer service open to all of its ages." />
      ) : (
        <ul className="statements" data-testid="coverage-gaps">
          {[...new Set(gaps.map((g) => g.category))].map((category) => {
            const parts = gaps
              .filter((g) => g.category === category)
              .map((g) =>
                g.coverage === 'none'
                  ? `ages ${ageBandText(g.age_band)} (${count(g.children)} children)`
                  : `age${g.ages_not_covered.length === 1 ? '' : 's'} ${agesText(g.ages_not_covered)} (${count(g.children)} children aged ${ageBandText(g.age_band)}; ${g.services_open} ${g.services_open === 1 ? 'service covers' : 'services cover'} the rest of the band)`,
              );
            return (
              <li key={category} data-category={category}>
                <p>
                  <strong>{provisionLabel(category)}</strong>: no Local Offer service is open to {joinWords(parts)}.
                </p>
              </li>
            );
          })}
        </ul>
      )}
      <details className="details analytics-details">
        <summary className="details__summary">
          <span className="details__summary-text">Coverage of every provision and age band</span>
        </summary>
        <div className="details__text">
          <ScrollTable caption={`Local Offer services open to each age band, by provision, ${formatDate(data.period.end_date)}`}>
            <thead>
              <tr>
                <th scope="col">Provision</th>
                {bands.map((b) => (
                  <th key={b} scope="col">
                    Ages {ageBandText(b)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {categories.map((c) => (
                <tr key={c}>
                  <th scope="row">{provisionLabel(c)}</th>
                  {bands.map((b) => {
                    const r = byKey.get(`${c}|${b}`);
                    if (!r) return <td key={b}>–</td>;
                    return (
                      <td key={b}>
                        <span className={`coverage coverage--${r.coverage}`}>
                          {r.coverage === 'full' ? 'All ages' : r.coverage === 'none' ? 'None' : `Not ${agesText(r.ages_not_covered)}`}
                        </span>
                        <br />
                        {count(r.children)} children
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          <SymbolKey symbols={symbols} />
        </div>
      </details>
      <TableDownload table="provision-age-coverage" params={query(data)} />
    </AnalyticsSection>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Placements

function CrossTab({ title, tab, caption }: { title: string; tab: Data['placements']['out_of_area']; caption: string }) {
  const isZero = (v: { value: number | null }) => v.value === 0;
  const settings = [...new Set(tab.cells.map((c) => c.setting_type))].filter((s) => s !== 'all');
  const needs = [...new Set(tab.cells.map((c) => c.primary_need))].filter((n) => n !== 'all');
  const cell = new Map(tab.cells.map((c) => [`${c.setting_type}|${c.primary_need}`, c.plans]));
  const keepSettings = settings.filter((s) => needs.some((n) => !isZero(cell.get(`${s}|${n}`) ?? { value: 0 })) || !isZero(cell.get(`${s}|all`) ?? { value: 0 }));
  const keepNeeds = needs.filter((n) => settings.some((s) => !isZero(cell.get(`${s}|${n}`) ?? { value: 0 })) || !isZero(cell.get(`all|${n}`) ?? { value: 0 }));
  const total = cell.get('all|all');
  const at = (s: string, n: string) => {
    const v = cell.get(`${s}|${n}`);
    return v ? count(v) : '–';
  };
  return (
    <>
      <h3>{title}</h3>
      <p className="hint analytics-text">{tab.definition}</p>
      {keepSettings.length === 0 && keepNeeds.length === 0 ? (
        <EmptyState title={`There are no such placements${total ? ` (${count(total)})` : ''}.`} />
      ) : (
        <>
          <ScrollTable caption={caption}>
            <thead>
              <tr>
                <th scope="col">Setting type</th>
                {keepNeeds.map((n) => (
                  <th key={n} scope="col" className="numeric">
                    <abbr title={categoryLabel(n)}>{n}</abbr>
                  </th>
                ))}
                <th scope="col" className="numeric">All needs</th>
              </tr>
            </thead>
            <tbody>
              {keepSettings.map((s) => (
                <tr key={s}>
                  <th scope="row">{settingLabel(s)}</th>
                  {keepNeeds.map((n) => (
                    <td key={n} className="numeric">
                      {at(s, n)}
                    </td>
                  ))}
                  <td className="numeric">{at(s, 'all')}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">All setting types</th>
                {keepNeeds.map((n) => (
                  <td key={n} className="numeric">
                    {at('all', n)}
                  </td>
                ))}
                <td className="numeric" data-testid="crosstab-total">
                  {at('all', 'all')}
                </td>
              </tr>
            </tfoot>
          </ScrollTable>
          <p className="hint">
            Setting types and primary needs with no placements are left out. Needs:{' '}
            {keepNeeds.map((n, i) => (
              <span key={n}>
                {i > 0 ? '; ' : ''}
                {n} {categoryLabel(n).toLowerCase()}
              </span>
            ))}
            .
          </p>
          <SymbolKey symbols={tab.cells.map((c) => c.plans.symbol)} />
        </>
      )}
    </>
  );
}

function Placements({ data }: { data: Data }) {
  const { active_plans, out_of_area, independent } = data.placements;
  const total = (tab: typeof out_of_area) => tab.cells.find((c) => c.setting_type === 'all' && c.primary_need === 'all')?.plans ?? { value: null, symbol: 'x' as const };
  const share = (part: { value: number | null }) =>
    part.value !== null && active_plans.value ? ` (${percent({ value: (100 * part.value) / active_plans.value, symbol: null })})` : '';
  const ind = total(independent);
  const end = formatDate(data.period.end_date);
  return (
    <AnalyticsSection id="placements" title="Out-of-area and independent placements" testId="placements">
      <ul className="statements">
        <li>
          <p data-testid="out-of-area-statement">{outOfAreaStatement(data.placements.out_of_area_share, active_plans, end, data.la.area_name)}</p>
        </li>
        <li>
          <p data-testid="independent-statement">
            {count(ind)} of {count(active_plans)}
            {share(ind)} were in an independent or non-maintained special school.
          </p>
        </li>
      </ul>
      <CrossTab title="Placed out of area" tab={out_of_area} caption={`EHC plans placed out of area by setting type and primary need, ${end}`} />
      <CrossTab title="Independent and non-maintained special schools" tab={independent} caption={`EHC plans in independent or non-maintained special schools by setting type and primary need, ${end}`} />
      <TableDownload table="placements" params={query(data)} />
    </AnalyticsSection>
  );
}

// ---------------------------------------------------------------------------------------------------------------

/** How the figures are worked out, in plain words; the API's technical definitions go with each CSV's metadata. */
function Method({ data }: { data: Data }) {
  const items: [string, string][] = [
    ['Children (demand)', 'Children whose EHC plans, active on the last day of the year, include at least one piece of provision of that kind. Each child counts once, however many pieces of provision they have.'],
    ['Places', 'The places a year that Local Offer services of each kind list, for the ages they serve. A service open to several localities or ages has its places shared among them in proportion to how many children and young people live there (ONS population estimates). Places are shown as whole numbers.'],
    ['Why places are shared by population', 'Sharing places by the number of children with plans would let a reader work out a suppressed count from the places shown beside it; the population does not. The Local Offer indicator of demand against places uses the same method.'],
    ['Shortfall (gap)', 'Children minus places. Above zero, more children need the provision than there are places.'],
    ['Children per place', 'Children divided by places; above 1 there are more children than places. It cannot be calculated (x) where there are no places.'],
    ['Commissioner', 'The body recorded on each line of provision in the plan: the local authority or the integrated care board, named from the ONS and NHS lists of codes.'],
    ['Largest gaps', 'The locality and age band combinations with the largest published shortfall, largest first. Suppressed figures are never ranked.'],
    ['Waits', 'For provision in force on the last day of the year: children still waiting for some of it to start, and how long they had waited (median and quartiles, in weeks); for provision that started during the year, how long it took to start.'],
    ['Age coverage', 'Whether Local Offer services of each kind are open to all, some or none of the ages in each age band, and which ages no service covers.'],
    ['Disclosure control', `Counts from 1 to ${data.threshold} are suppressed (c), with further counts suppressed where they would let a suppressed one be worked out. Gaps, ratios and waits are hidden with the counts they come from; places are never suppressed (they come from the Local Offer directory and population estimates).`],
  ];
  return (
    <AnalyticsSection id="method" title="How these figures are worked out">
      <SummaryList items={items} />
      <p className="hint">The exact technical definitions are in the metadata file that comes with each table’s CSV download.</p>
    </AnalyticsSection>
  );
}

export function ProvisionGapsPage({ page }: { page: PageDef }) {
  const filters = useFilters();
  const { query } = useLocation();
  const narrow = useMediaQuery('(max-width: 640px)');
  const state = useRequest(`provision-gaps|${filters.period}`, (signal) => fetchProvisionGaps(filters.period, signal));
  return (
    <PageShell page={page} filters={filters}>
      <Await state={state} what="the provision gaps">
        {(data) => {
          const views = heatViews(data);
          const heat = query.get('heat');
          const view = views.find((v) => v.value === heat) ?? views[0];
          const type = query.get('commissioner') ?? 'all';
          const notices: string[] = [];
          if (heat && !views.some((v) => v.value === heat)) notices.push(`The heat map view in the link (${heat}) is not available, so ${views[0]?.label} is shown.`);
          const validType = commissionerChoices.some((c) => c.value === type) ? type : 'all';
          if (validType !== type) notices.push(`The commissioner in the link (${type}) is not recognised, so all commissioners are shown.`);
          return (
            <>
              {notices.length > 0 ? (
                <div className="warning-text" role="note">
                  <span className="warning-text__icon" aria-hidden="true">
                    !
                  </span>
                  <div className="warning-text__text">
                    <span className="visually-hidden">Warning: </span>
                    {notices.map((n) => (
                      <p key={n}>{n}</p>
                    ))}
                  </div>
                </div>
              ) : null}
              <p className="inset-text">
                Figures for {data.la.area_name} and its {data.localities.length === 1 ? 'locality' : `${data.localities.length} localities`} on{' '}
                {formatDate(data.period.end_date)}, the last day of {data.period.period_type === 'financial-year' ? `financial year ${data.period.period}` : data.period.period}
                {data.period.complete ? '' : ' (a year not yet complete)'}. Provision gaps are always for the whole local authority: choose a locality in the heat map.
              </p>
              <SectionContents items={sections} />
              <LargestGaps data={data} />
              {view ? <HeatMapSection data={data} view={view} views={views} /> : null}
              <Categories data={data} narrow={narrow} />
              <Waits data={data} type={validType} narrow={narrow} />
              <AgeCoverage data={data} />
              <Placements data={data} />
              <Method data={data} />
            </>
          );
        }}
      </Await>
    </PageShell>
  );
}
