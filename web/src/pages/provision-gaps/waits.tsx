import type { CommissioningRow } from '../../../../contract/analytics.ts';
import { commissionerWords, count, provisionInSentence, provisionLabel, waitsDifference, weeks } from '../../analytics-format.ts';
import { CategoryBars, type BarRow } from '../../charts/category-bars.tsx';
import { AnalyticsSection, InlineFilter, SymbolKey, symbolLegend } from '../../components/analytics-ui.tsx';
import { analyticsCsvPath } from '../../export-links.ts';
import { ChartBlock } from '../../components/chart-block.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { EmptyState } from '../../components/states.tsx';
import { formatDate } from '../../format.ts';
import type { Data } from './shared.ts';
import { query } from './shared.ts';

// Provision not yet delivered, by commissioner

// `words`: the same inside a sentence ("commissioned by the integrated care board"), never lower-cased from the label.
export const commissionerChoices = [
  { value: 'all', label: 'All commissioners', words: 'all commissioners' },
  { value: 'LA', label: 'Local authority (LA)', words: 'the local authority' },
  { value: 'ICB', label: 'Integrated care board (ICB)', words: 'the integrated care board' },
  { value: 'unknown', label: 'Commissioner not recorded', words: 'a commissioner not recorded' },
] as const;

export function commissionerName(row: CommissioningRow, data: Data): string {
  if (row.commissioner === 'all') return 'All commissioners';
  if (row.commissioner_type === 'LA' || row.commissioner_type === 'ICB' || row.commissioner_type === 'unknown') {
    const words = commissionerWords({ code: row.commissioner, type: row.commissioner_type }, data.la);
    return words.charAt(0).toUpperCase() + words.slice(1);
  }
  return row.commissioner;
}

export const quartileText = (q: CommissioningRow['waiting_weeks']): string =>
  q.median.value === null ? weeks(q.median) : `${weeks(q.median)} (${weeks(q.q1)} to ${weeks(q.q3)})`;

/** Most first; withheld figures last. */
const byValue = (f: (r: CommissioningRow) => number | null) => (a: CommissioningRow, b: CommissioningRow) => (f(b) ?? -1) - (f(a) ?? -1);

/** The two charts' bars: children waiting by provision, and the median weeks waited (with quartiles) where any wait. */
function waitBars(byCategory: CommissioningRow[], label: (r: CommissioningRow) => string): { chartRows: BarRow[]; waitRows: BarRow[] } {
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
  return { chartRows, waitRows };
}

/** A sentence per commissioner: children waiting for some of their provision to start, and the median wait. */
function WaitStatements({ totals, data }: { totals: CommissioningRow[]; data: Data }) {
  return (
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
  );
}

/** Provision not yet started and waits, by provision and commissioner, the totals last. */
function WaitsTable({ data, rows, caption, symbols }: { data: Data; rows: CommissioningRow[]; caption: string; symbols: (string | null)[] }) {
  return (
    <>
      <ScrollTable caption={caption}>
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
          {rows.map((r) => (
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
}

export function Waits({ data, type, narrow }: { data: Data; type: string; narrow: boolean }) {
  const rows = data.commissioning.rows.filter((r) => (type === 'all' ? r.commissioner === 'all' : r.commissioner_type === type));
  const totals = rows.filter((r) => r.category === 'all');
  const byCategory = rows.filter((r) => r.category !== 'all' && (r.children_with_provision.value !== 0 || r.children_waiting.value !== 0));
  const present = new Set(data.commissioning.rows.map((r) => r.commissioner_type));
  const choices = commissionerChoices.filter((c) => c.value === 'all' || present.has(c.value));
  const label = (r: CommissioningRow) => (type === 'all' ? provisionLabel(r.category) : `${provisionLabel(r.category)} (${commissionerName(r, data)})`);
  const inSentence = (r: CommissioningRow) => (type === 'all' ? provisionInSentence(r.category) : `${provisionInSentence(r.category)} (${commissionerName(r, data)})`);
  const end = formatDate(data.period.end_date);
  const { chartRows, waitRows } = waitBars(byCategory, label);
  const most = [...byCategory].filter((r) => r.children_waiting.value !== null).sort((a, b) => (b.children_waiting.value ?? 0) - (a.children_waiting.value ?? 0))[0];
  const longest = [...byCategory].filter((r) => r.waiting_weeks.median.value !== null).sort((a, b) => (b.waiting_weeks.median.value ?? 0) - (a.waiting_weeks.median.value ?? 0))[0];
  const choice = choices.find((c) => c.value === type);
  const who = choice?.label ?? 'All commissioners';
  const whoWords = choice?.words ?? 'all commissioners';
  const symbols = rows.flatMap((r) => [r.children_with_provision.symbol, r.children_waiting.symbol, r.waiting_weeks.median.symbol, r.children_started.symbol, r.started_wait_weeks.median.symbol]);
  const table = <WaitsTable data={data} rows={[...byCategory, ...totals]} caption={`Provision in EHC plans not yet started, and waits, by provision and commissioner: ${whoWords}, ${end}`} symbols={symbols} />;
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
      {totals.length > 0 ? <WaitStatements totals={totals} data={data} /> : null}
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
