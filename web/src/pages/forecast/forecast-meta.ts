import type { IndicatorMeta } from '../../../../contract/indicators.ts';
import { useAppData } from '../../filters.ts';
import { forecastBreakdowns } from './shared.ts';

const FORECAST_ID = 'ehc-plans-forecast';

/** The indicator's metadata from the catalogue, or enough of it for the chart when the catalogue lacks it. */
export function useForecastMeta(): IndicatorMeta {
  const { catalogue } = useAppData();
  return (
    catalogue.indicators.find((m) => m.id === FORECAST_ID) ?? {
      id: FORECAST_ID,
      title: 'Active EHC plans: projection for the next five years',
      group: 'needs',
      definition: '',
      numerator: '',
      denominator: '',
      unit: 'count',
      unit_label: 'EHC plans',
      polarity: 'no-judgement',
      ci_method: 'none',
      sources: [],
      period_type: 'snapshot',
      reference_date: null,
      breakdowns: forecastBreakdowns,
      disclosure: '',
      benchmark: null,
      benchmark_basis: null,
    }
  );
}
