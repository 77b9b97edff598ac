import type { ReactNode } from 'react';
import type { IndicatorMeta } from '../../../../contract/indicators.ts';
import '../../components/board-pack-styles.css';
import { keyMessages, type PackItem } from '../../components/board-pack-text.ts';
import { PageShell } from '../../components/page-shell.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { useAppData, useFilters, type AppData, type Filters } from '../../filters.ts';
import { formatDate } from '../../format.ts';
import type { PageDef } from '../../page-list.ts';
import { Link, useLocation, withQuery } from '../../router.tsx';
import { FileDownload } from '../../components/file-download.tsx';
import { IntervalNote } from '../../components/interval-note.tsx';
import { useMediaQuery } from '../../use-media-query.ts';
import { useRequest } from '../../use-request.ts';
import { overviewIndicators } from '../overview.tsx';
import type { PackData } from './model.ts';
import { groups, metaOf, loadPack } from './model.ts';
import { usePrintFooter, useDrawn } from './print-hooks.ts';
import { IndicatorCard } from './indicator-card.tsx';
import { SummaryTable } from './summary-table.tsx';
import { SyntheticWarning, DataStatement } from './data-statement.tsx';

// The board pack: the Overview's headline indicators for Health and Wellbeing Board members, laid out for A4
// (board-pack-styles.css) and rendered to PDF by `npm run board-pack` and GET /api/export/board-pack.pdf. The
// root element says when everything is drawn (data-board-pack-status="ready") or failed ("error"), so the PDF
// renderer knows when to print and when to refuse.

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
  // On a phone (not in print: the PDF is drawn 794 px wide) the summary's key messages come first (issue 17): the
  // print and download buttons and the source line follow the summary, and the synthetic warning is one line, as the
  // site's banner above it says the rest.
  const narrow = useMediaQuery('screen and (max-width: 640px)');
  const errorMessage =
    state.status === 'error'
      ? state.message
      : state.status === 'ready'
        ? state.data.loaded.flatMap((l) => (l.error !== undefined ? [`${l.meta.title}: ${l.error}`] : [])).join('; ')
        : '';
  const head = <PackActions pdfHref={pdfHref} areaWords={areaWords} periodWords={periodWords} data={data} />;
  return (
    <div
      className={`board-pack${synthetic ? ' board-pack--synthetic' : ''}`}
      data-board-pack-status={status}
      data-board-pack-error={failed ? errorMessage : undefined}
      data-board-pack-notices={filters.notices.length > 0 ? filters.notices.join(' ') : undefined}
    >
      <PageShell page={page} filters={filters}>
        {synthetic ? <SyntheticWarning compact={narrow} /> : null}
        {narrow ? null : head}
        {state.status === 'loading' ? <Loading what="the board pack" /> : null}
        {state.status === 'error' ? <ErrorState what="The board pack" message={state.message} /> : null}
        {state.status === 'ready' ? (
          <PackBody
            packData={state.data}
            filters={filters}
            data={data}
            metas={metas}
            known={known}
            compareLabel={compareLabel}
            locationQuery={location.query}
            narrow={narrow}
            afterSummary={narrow ? head : null}
          />
        ) : null}
        {narrow && state.status !== 'ready' ? head : null}
      </PageShell>
    </div>
  );
}

/** The print and download buttons and the source line of the pack. */
function PackActions({ pdfHref, areaWords, periodWords, data }: { pdfHref: string; areaWords: string; periodWords: string; data: AppData }) {
  return (
    <>
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
    </>
  );
}

/** The summary: key messages (first on a phone), what they cover, how to read the figures, and the summary table. */
function PackSummary({ items, filters, compareLabel, narrow }: { items: PackItem[]; filters: Filters; compareLabel: string; narrow: boolean }) {
  const locality = filters.area.area_type === 'locality';
  const messages = keyMessages(items, locality ? 'la' : 'england', compareLabel);
  const introduction = (
    <>
      <p>
        {items.length} headline indicators of needs, gaps in provision and outcomes for children and young people aged 0 to
        25 with special educational needs and disabilities (SEND), each compared with{' '}
        {locality ? `${compareLabel} as a whole` : 'England and with similar local authorities (statistical neighbours)'}. A
        difference counts only when it is larger than chance would explain (outside the 95% confidence interval).
      </p>
      {/* Page 1 of the PDF: the interval, c and x explained before any figure uses them. */}
      <IntervalNote meta={items[0]?.meta} filters={filters} />
    </>
  );
  const keyMessageList = (
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
  );
  return (
    <section className="board-pack-section board-pack-section--summary" aria-labelledby="board-pack-key">
      <h2 className="heading-l" id="board-pack-key">
        Summary
      </h2>
      {narrow ? null : introduction}
      {keyMessageList}
      {narrow ? introduction : null}
      <SummaryTable items={items} filters={filters} />
    </section>
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
  narrow,
  afterSummary,
}: {
  packData: PackData;
  filters: Filters;
  data: AppData;
  metas: IndicatorMeta[];
  known: ReadonlySet<string>;
  compareLabel: string;
  locationQuery: URLSearchParams;
  /** A phone's screen: key messages before the paragraph that introduces them. */
  narrow: boolean;
  /** Shown after the summary section (on a phone: the print and download buttons and the source line). */
  afterSummary: ReactNode;
}) {
  const items = packData.loaded.flatMap((l) => (l.item ? [l.item] : []));
  return (
    <>
      <PackSummary items={items} filters={filters} compareLabel={compareLabel} narrow={narrow} />
      {afterSummary}
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
