import '../../components/board-pack-styles.css';
import { changeSince, comparisonCell, packComparators, type PackItem } from '../../components/board-pack-text.ts';
import { useIncompletePeriods, type Filters } from '../../filters.ts';
import { withUnit } from '../../format.ts';
import { RoundedMark } from '../../components/rounded-mark.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';

// The summary table of the board pack: every headline indicator with its value, change and comparisons (a sideways
// scroll cue on a phone).

export function SummaryTable({ items, filters }: { items: PackItem[]; filters: Filters }) {
  const incomplete = useIncompletePeriods();
  const locality = filters.area.area_type === 'locality';
  const wanted = packComparators(locality);
  const labels: Record<string, string> = { england: 'England', neighbours: 'Statistical neighbours (mean)', la: `${filters.la.area_name} (local authority)` };
  return (
    <ScrollTable caption={`Headline indicators: ${filters.area.area_name}, ${filters.period}`} className="board-pack-summary__table">
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
                <RoundedMark row={row} />
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
    </ScrollTable>
  );
}
