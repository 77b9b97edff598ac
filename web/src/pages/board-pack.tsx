import { useEffect, useState } from 'react';
import type { DataStatusResponse, IndicatorMeta } from '../../../contract/indicators.ts';
import { fetchDataStatus, fetchIndicator } from '../api.ts';
import { ComparisonText } from '../charts/marks.tsx';
import { trendPoints } from '../charts/trend-chart.tsx';
import { BoardPackChart } from '../components/board-pack-chart.tsx';
import '../components/board-pack-styles.css';
import {
  changeSince,
  comparisonCell,
  comparisonsOf,
  disclosureStatement,
  keyMessages,
  packComparators,
  shareOf,
  type PackItem,
} from '../components/board-pack-text.ts';
import { headlineRow } from '../components/headline-row.ts';
import { PageShell } from '../components/page-shell.tsx';
import { ErrorState, Loading } from '../components/states.tsx';
import { trendParams, useAppData, useFilters, useIncompletePeriods, type AppData, type Filters } from '../filters.ts';
import { figureSentence, formatCount, formatDate, formatValue, polarityText, unitSuffix, withUnit } from '../format.ts';
import type { PageDef } from '../pages.ts';
import { Link, useLocation, withQuery } from '../router.tsx';
import { FileDownload } from '../components/file-download.tsx';
import { IntervalNote } from '../components/interval-note.tsx';
import { useRequest } from '../use-request.ts';
import { overviewIndicators } from './overview.tsx';
import { fileInWords, reasonInSentence } from '../reason-words.ts';

// The board pack: the Overview's headline indicators for Health and Wellbeing Board members, laid out for A4
// (board-pack-styles.css) and rendered to PDF by `npm run board-pack` and GET /api/export/board-pack.pdf. The
// root element says when everything is drawn (data-board-pack-status="ready") or failed ("error"), so the PDF
// renderer knows when to print and when to refuse.

const groups = [
  { id: 'needs', title: 'Needs', path: '/needs' },
  { id: 'gaps', title: 'Gaps', path: '/gaps' },
  { id: 'outcomes', title: 'Outcomes', path: '/outcomes' },
] as const;

type Loaded = { item: PackItem; error?: undefined } | { item?: undefined; meta: IndicatorMeta; error: string };
const metaOf = (l: Loaded): IndicatorMeta => (l.item ? l.item.meta : l.meta);

interface PackData {
  loaded: Loaded[];
  status: DataStatusResponse;
}

async function loadPack(metas: IndicatorMeta[], filters: Filters, signal: AbortSignal): Promise<PackData> {
  const params = trendParams(filters);
  const [settled, status] = await Promise.all([
    Promise.allSettled(metas.map((meta) => fetchIndicator(meta.id, params, signal))),
    fetchDataStatus(signal),
  ]);
  const loaded = settled.map((result, i): Loaded => {
    const meta = metas[i] as IndicatorMeta;
    if (result.status === 'rejected') return { meta, error: result.reason instanceof Error ? result.reason.message : String(result.reason) };
    const trend = result.value.rows.filter((r) => r.breakdown === 'all');
    const { row, exact } = headlineRow(trend, filters.period);
    return { item: { meta, trend, row, exact } };
  });
  return { loaded, status };
}

/** Puts the area and period into the footer of every printed page (a CSS @page margin box, set through the
 * CSSOM: the server's CSP allows no inline styles). */
function usePrintFooter(text: string): void {
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
function useDrawn(ready: boolean, key: string): boolean {
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

function SyntheticWarning() {
  return (
    <div className="board-pack__synthetic" role="note" aria-label="Synthetic data warning" data-testid="board-pack-synthetic">
      <p className="board-pack__synthetic-title">Synthetic data: not real</p>
      <p>
        Every figure in this pack comes from a generated, synthetic extract. The figures are not about any real child, local
        authority or service and must not be used for decisions.
      </p>
    </div>
  );
}

function TrendTable({ item, compare, compareLabel }: { item: PackItem; compare: string; compareLabel: string }) {
  const { meta, trend } = item;
  const hasComparator = trend.some((r) => r.comparisons.some((c) => c.comparator === compare && c.value !== null));
  const areaName = trend[0]?.area_name ?? 'Area';
  return (
    <div className="board-pack-trend">
      <table className="board-pack-trend__table">
        <caption className="visually-hidden">
          {meta.title}: {areaName}
          {hasComparator ? ` and ${compareLabel}` : ''}, by year
        </caption>
        <thead>
          <tr>
            <td />
            {trend.map((r) => (
              <th key={r.period} scope="col">
                {r.period}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{areaName}</th>
            {trend.map((r) => (
              <td key={r.period} data-testid={`trend-value-${r.period}`}>
                {formatValue(r.value, meta, r.symbol)}
              </td>
            ))}
          </tr>
          {hasComparator ? (
            <tr>
              <th scope="row">{compareLabel}</th>
              {trend.map((r) => {
                const c = r.comparisons.find((x) => x.comparator === compare);
                return <td key={r.period}>{c?.value === null || c?.value === undefined ? 'x' : formatValue(c.value, meta)}</td>;
              })}
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

const readingText: Record<IndicatorMeta['polarity'], string> = {
  'higher-better': 'Higher is better.',
  'lower-better': 'Lower is better.',
  'no-judgement': 'Neither higher nor lower is better.',
};

function IndicatorCard({ item, filters, known }: { item: PackItem; filters: Filters; known: ReadonlySet<string> }) {
  const incomplete = useIncompletePeriods();
  const { meta, row, trend, exact } = item;
  const location = useLocation();
  const locality = filters.area.area_type === 'locality';
  const wanted = packComparators(locality);
  const chartCompare = locality ? 'la' : 'england';
  const chartCompareLabel = locality ? filters.la.area_name : 'England';
  const groupPath = groups.find((g) => g.id === meta.group)?.path ?? '/';
  const headingId = `board-pack-${meta.id}`;
  const suffix = unitSuffix(meta);
  const comparisons = comparisonsOf(row, wanted);
  const plotted = trend.filter((r) => r.value !== null).length > 1;
  return (
    <article className="board-pack-card" aria-labelledby={headingId} data-indicator={meta.id}>
      <div className="board-pack-card__text">
        <h3 className="board-pack-card__title" id={headingId}>
          <Link href={`${withQuery(groupPath, location.query)}#${meta.id}`}>{meta.title}</Link>
        </h3>
        {row ? (
          <>
            <p className="board-pack-card__figure">
              <span className="board-pack-card__value" data-testid="headline-value">
                {formatValue(row.value, meta, row.symbol)}
              </span>
              {suffix && row.value !== null ? <span className="board-pack-card__unit"> {suffix}</span> : null}
              <span className="board-pack-card__context">
                {' '}
                {row.area_name}, {row.period}
                {!exact ? ' (latest)' : ''}. {readingText[meta.polarity]}
              </span>
            </p>
            {comparisons.some((c) => c.value !== null) ? (
              <ul className="board-pack-card__comparisons">
                {comparisons.map((c) => (
                  <li key={c.comparator}>
                    <ComparisonText comparison={c} value={row.value} meta={meta} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="board-pack-card__comparisons board-pack-card__comparisons--none">No published benchmark to compare with.</p>
            )}
          </>
        ) : null}
        <p className="board-pack-card__sentence" data-testid="summary">
          {figureSentence(meta, row, trend, [], incomplete)}
        </p>
      </div>
      <div className="board-pack-card__visual">
        {plotted ? (
          <div className="board-pack-card__chart" aria-hidden="true" inert data-testid="board-pack-chart">
            <BoardPackChart meta={meta} points={trendPoints(trend, chartCompare, known)} />
          </div>
        ) : null}
        {trend.length > 0 ? <TrendTable item={item} compare={chartCompare} compareLabel={chartCompareLabel} /> : null}
      </div>
    </article>
  );
}

function SummaryTable({ items, filters }: { items: PackItem[]; filters: Filters }) {
  const incomplete = useIncompletePeriods();
  const locality = filters.area.area_type === 'locality';
  const wanted = packComparators(locality);
  const labels: Record<string, string> = { england: 'England', neighbours: 'Statistical neighbours (mean)', la: `${filters.la.area_name} (local authority)` };
  return (
    <div className="table-scroll board-pack-summary" role="region" aria-labelledby="board-pack-summary-caption" tabIndex={0}>
      <table className="table board-pack-summary__table">
        <caption id="board-pack-summary-caption" className="table__caption">
          Headline indicators: {filters.area.area_name}, {filters.period}
        </caption>
        <colgroup>
          <col className="board-pack-summary__indicator" />
          <col className="board-pack-summary__value" />
          <col className="board-pack-summary__change" />
          {wanted.map((id) => (
            <col key={id} className="board-pack-summary__comparator" />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Indicator</th>
            <th scope="col" className="numeric">
              {filters.area.area_name}
            </th>
            <th scope="col">Change</th>
            {wanted.map((id) => (
              <th scope="col" key={id}>
                {labels[id]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const { meta, row } = item;
            return (
              <tr key={meta.id} data-indicator={meta.id}>
                <th scope="row">{meta.title}</th>
                <td className="numeric" data-testid="summary-value">
                  {row ? withUnit(row.value, meta, row.symbol) : 'x'}
                </td>
                <td>{changeSince(item, incomplete) || '–'}</td>
                {wanted.map((id) => {
                  const cell = comparisonCell(row, id, meta);
                  return (
                    <td key={id}>
                      {cell.judgement ? (
                        <>
                          <span className={`board-pack-summary__judgement board-pack-summary__judgement--${cell.judgement}`}>
                            {cell.judgement.charAt(0).toUpperCase() + cell.judgement.slice(1)}
                          </span>{' '}
                        </>
                      ) : null}
                      <span className="board-pack-summary__comparator-value">{cell.value}</span>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The data-quality statement: what was loaded, when, how much was rejected, disclosure, methods and sources. */
function DataStatement({ status, data, metas }: { status: DataStatusResponse; data: AppData; metas: IndicatorMeta[] }) {
  const notice = status.data ?? data.catalogue.data;
  const run = status.runs.find((r) => r.run_id === notice.data_version);
  const read = status.files.reduce((s, f) => s + (f.rows_read ?? 0), 0);
  const loaded = status.files.reduce((s, f) => s + (f.rows_loaded ?? 0), 0);
  const rejected = status.files.reduce((s, f) => s + (f.rows_rejected ?? 0), 0);
  const la = data.areas.find((a) => a.area_code === notice.la_code);
  const sources = [...new Set(metas.flatMap((m) => m.sources))].sort();
  const reasons = [...status.quarantine].sort((a, b) => b.rows - a.rows).slice(0, 3);
  return (
    <section className="board-pack-section board-pack-section--data" aria-labelledby="board-pack-data" data-testid="board-pack-data-quality">
      <h2 className="heading-l" id="board-pack-data">
        About the data
      </h2>
      <dl className="summary-list board-pack-facts">
        <div className="summary-list__row">
          <dt>Kind of data</dt>
          <dd>{notice.synthetic ? 'Synthetic: generated, not about real children. Not for decisions.' : 'Anonymised extract of local records'}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Extract</dt>
          <dd data-testid="board-pack-extract-date">
            Dated {formatDate(notice.extract_date)}, from {la ? `${la.area_name} (${la.area_code})` : (notice.la_code ?? 'a local authority not recorded')}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Load</dt>
          <dd data-testid="board-pack-load-run">
            Load run {notice.data_version}
            {run?.finished_at ? `, finished ${formatDate(run.finished_at)}` : ''}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Rows</dt>
          <dd data-testid="board-pack-rows">
            {formatCount(read)} rows read from {status.files.length} files: {formatCount(loaded)} loaded, {formatCount(rejected)} rejected
            {shareOf(rejected, read)}. Rejected rows are left out of every figure
            {reasons[0] ? `; the most common reason: ${reasonInSentence(reasons[0].reason)} (${formatCount(reasons[0].rows)} ${reasons[0].rows === 1 ? 'row' : 'rows'} in ${fileInWords(reasons[0].file_name)})` : ''}.
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Disclosure control</dt>
          <dd data-testid="board-pack-disclosure">
            {disclosureStatement(metas)} A figure that cannot be calculated is shown as x.
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Confidence intervals and comparisons</dt>
          <dd>
            Each figure has a 95% confidence interval (Wilson score method for percentages, Byar’s method for rates). It is
            similar to a comparator whose figure lies inside that interval, otherwise better or worse (higher or lower where
            neither is better).
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Sources</dt>
          <dd>
            Local extract tables: {sources.join(', ')}. Comparators: Department for Education, Education, health and care plans
            (2025) and statistical neighbours; Office for National Statistics mid-2021 population estimates; Ministry of
            Justice, SEND Tribunal appeals.
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Licence</dt>
          <dd data-testid="board-pack-licence">
            Contains public sector information licensed under the{' '}
            <a href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/" rel="license">
              Open Government Licence v3.0
            </a>
            .
          </dd>
        </div>
      </dl>
      <h3 className="heading-m board-pack-definitions__title" id="board-pack-definitions">
        What the indicators measure
      </h3>
      <dl className="board-pack-definitions" aria-labelledby="board-pack-definitions">
        {metas.map((m) => (
          <div key={m.id} className="board-pack-definitions__row">
            <dt>{m.title}</dt>
            <dd>
              {m.definition} {polarityText[m.polarity]}.
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function BoardPackPage({ page }: { page: PageDef }) {
  const data = useAppData();
  const filters = useFilters(['all']);
  const location = useLocation();
  const metas = overviewIndicators(data.catalogue.indicators);
  const synthetic = data.catalogue.data.synthetic;
  const key = `board-pack|${filters.area.area_code}|${filters.period}|${metas.map((m) => m.id).join(',')}`;
  const state = useRequest(key, (signal) => loadPack(metas, filters, signal));
  const drawn = useDrawn(state.status === 'ready', key);
  const failed = state.status === 'error' || (state.status === 'ready' && state.data.loaded.some((l) => l.error !== undefined));
  const areaWords = filters.area.area_type === 'locality' ? `${filters.area.area_name} locality, ${filters.la.area_name}` : filters.area.area_name;
  const periodWords = filters.periodType === 'financial-year' ? `financial year ${filters.period}` : filters.period;
  usePrintFooter(`${areaWords}, ${periodWords}: SEND JSNA board pack`);
  const known = new Set(data.periods.map((p) => p.period));
  const locality = filters.area.area_type === 'locality';
  const compareLabel = locality ? filters.la.area_name : 'England';
  const pdfHref = `/api/export/board-pack.pdf?${new URLSearchParams({ area: filters.area.area_code, period: filters.period }).toString()}`;
  const status = failed ? 'error' : drawn ? 'ready' : 'loading';
  const errorMessage =
    state.status === 'error'
      ? state.message
      : state.status === 'ready'
        ? state.data.loaded.flatMap((l) => (l.error !== undefined ? [`${l.meta.title}: ${l.error}`] : [])).join('; ')
        : '';
  return (
    <div
      className={`board-pack${synthetic ? ' board-pack--synthetic' : ''}`}
      data-board-pack-status={status}
      data-board-pack-error={failed ? errorMessage : undefined}
      data-board-pack-notices={filters.notices.length > 0 ? filters.notices.join(' ') : undefined}
    >
      <PageShell page={page} filters={filters}>
        {synthetic ? <SyntheticWarning /> : null}
        <div className="board-pack__actions">
          <p>
            Print this page, or save it as a PDF, for board papers: it is laid out for A4 paper, without the menu and filters.
          </p>
          <button type="button" className="button button--secondary board-pack__print" onClick={() => window.print()}>
            Print the board pack
          </button>{' '}
          <FileDownload className="board-pack__download" href={pdfHref} filename="board-pack.pdf" what="the board pack PDF">
            Download the board pack as a PDF
          </FileDownload>
        </div>
        <p className="board-pack__source" data-testid="board-pack-source">
          Figures for {areaWords}, {periodWords}, from the extract dated {formatDate(data.catalogue.data.extract_date)} (load run{' '}
          {data.catalogue.data.data_version}). Produced {formatDate(new Date().toISOString().slice(0, 10))} from the SEND Joint
          Commissioning Dashboard.
        </p>
        {state.status === 'loading' ? <Loading what="the board pack" /> : null}
        {state.status === 'error' ? <ErrorState what="The board pack" message={state.message} /> : null}
        {state.status === 'ready' ? (
          <PackBody packData={state.data} filters={filters} data={data} metas={metas} known={known} compareLabel={compareLabel} locationQuery={location.query} />
        ) : null}
      </PageShell>
    </div>
  );
}

function PackBody({
  packData,
  filters,
  data,
  metas,
  known,
  compareLabel,
  locationQuery,
}: {
  packData: PackData;
  filters: Filters;
  data: AppData;
  metas: IndicatorMeta[];
  known: ReadonlySet<string>;
  compareLabel: string;
  locationQuery: URLSearchParams;
}) {
  const items = packData.loaded.flatMap((l) => (l.item ? [l.item] : []));
  const locality = filters.area.area_type === 'locality';
  const messages = keyMessages(items, locality ? 'la' : 'england', compareLabel);
  return (
    <>
      <section className="board-pack-section board-pack-section--summary" aria-labelledby="board-pack-key">
        <h2 className="heading-l" id="board-pack-key">
          Summary
        </h2>
        <p>
          {items.length} headline indicators of needs, gaps in provision and outcomes for children and young people aged 0 to
          25 with special educational needs and disabilities (SEND), each compared with{' '}
          {locality ? `${compareLabel} as a whole` : 'England and with similar local authorities (statistical neighbours)'}. A
          difference counts only when it is larger than chance would explain (outside the 95% confidence interval).
        </p>
        {/* Page 1 of the PDF: the interval, c and x explained before any figure uses them. */}
        <IntervalNote meta={items[0]?.meta} filters={filters} />
        <ul className="board-pack-messages">
          {messages.map((m) => (
            <li key={m.significance} className={`board-pack-messages__group board-pack-messages__group--${m.significance}`}>
              <strong>
                {m.heading} ({m.count}):
              </strong>{' '}
              {m.items.join('. ')}.
            </li>
          ))}
        </ul>
        <SummaryTable items={items} filters={filters} />
      </section>
      {groups.map((group, index) => {
        const groupItems = packData.loaded.filter((l) => metaOf(l).group === group.id);
        if (groupItems.length === 0) return null;
        const all = data.catalogue.indicators.filter((m) => m.group === group.id);
        return (
          <section
            key={group.id}
            className={`board-pack-section board-pack-section--group${index === 0 ? ' board-pack-section--first-group' : ''}`}
            aria-labelledby={`board-pack-group-${group.id}`}
          >
            <div className="board-pack-group__head">
            <h2 className="heading-l" id={`board-pack-group-${group.id}`}>
              {group.title}
            </h2>
            <p className="board-pack-key">
              <span className="board-pack-key__item">
                <span className="legend-swatch legend-swatch--line" aria-hidden="true" /> {filters.area.area_name}
              </span>
              <span className="board-pack-key__item">
                <span className="legend-swatch legend-swatch--band" aria-hidden="true" /> 95% confidence interval
              </span>
              <span className="board-pack-key__item">
                <span className="legend-swatch legend-swatch--dashed" aria-hidden="true" /> {compareLabel}
              </span>
              <span className="board-pack-key__item">Markers: circle similar, triangle higher or lower than {compareLabel}</span>
            </p>
            </div>
            <div className="board-pack-cards">
              {groupItems.map((l) =>
                l.item ? (
                  <IndicatorCard key={l.item.meta.id} item={l.item} filters={filters} known={known} />
                ) : (
                  <article key={l.meta.id} className="board-pack-card" data-indicator={l.meta.id}>
                    <h3 className="board-pack-card__title">{l.meta.title}</h3>
                    <ErrorState what="This indicator" message={l.error} />
                  </article>
                ),
              )}
            </div>
            <p className="board-pack-more">
              <Link href={withQuery(group.path, locationQuery)}>
                All {all.length} {group.title.toLowerCase()} indicators on the dashboard
              </Link>
            </p>
          </section>
        );
      })}
      <DataStatement status={packData.status} data={data} metas={metas} />
    </>
  );
}
