import { SignificanceTag } from '../../charts/marks.tsx';
import { PageShell } from '../../components/page-shell.tsx';
import { Await, EmptyState } from '../../components/states.tsx';
import { useAppData, useFilters } from '../../filters.ts';
import { GlossaryLink } from '../../glossary/glossary-link.tsx';
import type { PageDef } from '../../page-list.ts';
import { useRequest } from '../../use-request.ts';
import '../../components/analytics.css';
import '../new-pages.css';
import { FiguresTable } from './figures-table.tsx';
import { GridTable } from './grid-table.tsx';
import { gridAreas, loadGrid } from './model.ts';

function GridKey() {
  return (
    <ul className="grid-key" aria-label="Key to the grid">
      <li className="grid-cell--better">
        <SignificanceTag significance="better" direction="up" /> than the comparator
      </li>
      <li className="grid-cell--similar">
        <SignificanceTag significance="similar" direction="none" /> to the comparator
      </li>
      <li className="grid-cell--worse">
        <SignificanceTag significance="worse" direction="down" /> than the comparator
      </li>
      <li className="grid-cell--higher">
        <SignificanceTag significance="higher" direction="up" /> or lower, where neither is better
      </li>
      <li className="grid-cell--neutral">
        <span>
          White: not compared, or no figure (<GlossaryLink id="symbol-c">c</GlossaryLink>: withheld; <GlossaryLink id="symbol-x">x</GlossaryLink>: not available)
        </span>
      </li>
    </ul>
  );
}

/** All indicators at a glance: the Fingertips-style overview grid with the table behind it. */
export function OverviewGridPage({ page }: { page: PageDef }) {
  const data = useAppData();
  const filters = useFilters();
  const areas = gridAreas(data.areas, filters.la);
  const indicators = data.catalogue.indicators;
  const compareLabel = filters.comparators.find((c) => c.id === filters.compare)?.label ?? 'England';
  const state = useRequest(`grid|${filters.period}|${filters.compare}|${areas.map((a) => a.area_code).join(',')}`, (signal) =>
    loadGrid(indicators, areas, filters.period, filters.compare, signal),
  );
  return (
    <PageShell page={page} filters={filters}>
      <p className="hint">Each cell has a shape and a word for how it compares; the key is under the grid.</p>
      {indicators.length === 0 ? (
        <EmptyState title="There are no indicators in the catalogue yet." />
      ) : (
        <Await state={state} what="every indicator for every area">
          {(grid) => (
            <>
              <GridTable grid={grid} period={filters.period} compareLabel={compareLabel} />
              <GridKey />
              <p>
                Each cell is a figure for {filters.period}, with a shape and a word for how it compares: {filters.la.area_name} with {compareLabel === 'England' ? 'England' : compareLabel.toLowerCase()},
                each locality with {filters.la.area_name} as a whole. A difference counts only when the{' '}
                <GlossaryLink id="ci">95% confidence intervals</GlossaryLink> say it is unlikely to be chance (
                <GlossaryLink id="significance">what significance means</GlossaryLink>). Select an indicator’s name to see its trend.
              </p>
              <details className="details">
                <summary className="details__summary">
                  <span className="details__summary-text">Show the figures behind the grid as a table</span>
                </summary>
                <div className="details__text">
                  <FiguresTable grid={grid} period={filters.period} />
                </div>
              </details>
            </>
          )}
        </Await>
      )}
    </PageShell>
  );
}
