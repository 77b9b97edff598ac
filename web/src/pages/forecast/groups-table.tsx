import type { ForecastRow } from '../../../../contract/forecast.ts';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { breakdownLabel } from '../../format.ts';
import { type Data, groupLabel, interval, plans } from './shared.ts';

/** Every group's counted and projected plans in one table: a row per group, a column per year. */
export function GroupsTable({ data, groups }: { data: Data; groups: { value: string; rows: ForecastRow[] }[] }) {
  const by = data.query.by;
  const years = data.model.projected_years;
  return (
    <ScrollTable caption={`Counted and projected active EHC plans by ${breakdownLabel(by).toLowerCase()}, ${data.area.area_name}`}>
      <thead>
        <tr>
          <th scope="col">{breakdownLabel(by)}</th>
          {years.length > 0 ? <th scope="col" className="numeric">{data.model.jump_off_year} (counted)</th> : null}
          {years.map((y) => (
            <th key={y} scope="col" className="numeric">
              {y}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {groups.map(({ value, rows }) => (
          <tr key={value}>
            <th scope="row">{groupLabel(by, value)}</th>
            {[data.model.jump_off_year, ...years].map((y) => {
              const r = rows.find((x) => x.period === y);
              return (
                <td key={y} className="numeric">
                  {r ? plans(r.value, r.symbol) : '–'}
                  {r && r.kind === 'projected' && r.lower_95 !== null ? (
                    <span className="hint">
                      <br />
                      {interval(r.lower_95, r.upper_95)}
                    </span>
                  ) : null}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
