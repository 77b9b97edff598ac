import type { IndicatorMeta } from '../../../../contract/indicators.ts';
import type { Filters } from '../../filters.ts';

/** The API's addresses behind every figure, with an example of the benchmarks. */
export function ApiLinks({ filters, indicators, defaultPeriod }: { filters: Filters; indicators: IndicatorMeta[]; defaultPeriod: string | null }) {
  const benchmarked = indicators.find((m) => m.benchmark !== null);
  return (
    <>
      <h2 className="heading-l">The API</h2>
      <p>
        Every figure on this dashboard comes from these addresses, as JSON. Send the header{' '}
        <code>Accept: application/vnd.apache.arrow.stream</code> to an indicator’s address to get an Apache Arrow stream instead.
      </p>
      <ul className="list list--bullet">
        <li>
          <a href="/api/indicators">The indicator catalogue with metadata</a> (<code>/api/indicators</code>)
        </li>
        <li>
          <a href="/api/areas">Areas: the local authority and its localities</a> (<code>/api/areas</code>)
        </li>
        <li>
          <a href="/api/periods">Years in the data</a> (<code>/api/periods</code>)
        </li>
        <li>
          <a href="/api/data-status">Data status: loads, files and rejected rows</a> (<code>/api/data-status</code>)
        </li>
        {benchmarked ? (
          <li>
            Published benchmarks for one indicator: <code>/api/benchmarks/&lt;indicator&gt;?period=&lt;year&gt;</code>, for example{' '}
            <a href={`/api/benchmarks/${benchmarked.id}?period=${filters.periodType === 'calendar-year' ? filters.period : (defaultPeriod ?? '')}`}>
              {benchmarked.title}
            </a>
          </li>
        ) : null}
      </ul>
    </>
  );
}
