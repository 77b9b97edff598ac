import { fetchForecast } from '../../analytics-api.ts';
import { SectionContents } from '../../components/analytics-ui.tsx';
import { PageShell } from '../../components/page-shell.tsx';
import { Await } from '../../components/states.tsx';
import { useFilters } from '../../filters.ts';
import type { PageDef } from '../../page-list.ts';
import { useRequest } from '../../use-request.ts';
import { Backtest } from './backtest.tsx';
import { useForecastMeta } from './forecast-meta.ts';
import { Method } from './method.tsx';
import { Projection } from './projection.tsx';
import { Rates } from './rates.tsx';
import { forecastBreakdowns } from './shared.ts';

// Forecast: the five-year projection of active EHC plans with its 95% band (the trend chart draws projected years
// dotted), by age band or primary need, the method in plain English, the fitted rates and the backtest.
// GET /api/forecast?area=&by=. A section per file.

const sections = [
  { id: 'projection', title: 'Projected active EHC plans' },
  { id: 'method', title: 'How the projection is made' },
  { id: 'rates', title: 'Fitted rates by age' },
  { id: 'backtest', title: 'How well the method did before: backtest' },
];

export function ForecastPage({ page }: { page: PageDef }) {
  const filters = useFilters(forecastBreakdowns);
  const meta = useForecastMeta();
  const by = filters.by;
  const state = useRequest(`forecast|${filters.area.area_code}|${by}`, (signal) => fetchForecast(filters.area.area_code, by === 'all' ? undefined : by, signal));
  return (
    <PageShell page={page} filters={filters} breakdowns={forecastBreakdowns}>
      <Await state={state} what="the forecast">
        {(data) => (
          <>
            <SectionContents items={sections} />
            <Projection data={data} meta={meta} />
            <Method data={data} />
            <Rates data={data} />
            <Backtest data={data} />
          </>
        )}
      </Await>
    </PageShell>
  );
}
