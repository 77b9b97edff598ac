import { ScrollTable } from '../../components/scroll-table.tsx';
import { RoundedMark } from '../../components/rounded-mark.tsx';
import { formatInterval, formatValue, labelInSentence } from '../../format.ts';
import { judgementWord } from './grid-table.tsx';
import { cellKey, type Grid } from './model.ts';

/** The figures behind the grid, one row per indicator and area: value, interval, what it is compared with. */
export function FiguresTable({ grid, period }: { grid: Grid; period: string }) {
  return (
    <ScrollTable caption={`The figures behind the grid, ${period}`}>
      <thead>
        <tr>
          <th scope="col">Indicator</th>
          <th scope="col">Area</th>
          <th scope="col" className="numeric">Value</th>
          <th scope="col">95% confidence interval</th>
          <th scope="col">Compared with</th>
          <th scope="col" className="numeric">Their value</th>
          <th scope="col">Result</th>
        </tr>
      </thead>
      <tbody>
        {grid.indicators.flatMap((m) =>
          grid.areas.map((a) => {
            const cell = grid.cells.get(cellKey(m.id, a.area_code));
            const row = cell?.row ?? null;
            return (
              <tr key={cellKey(m.id, a.area_code)} data-testid="grid-figure" data-indicator={m.id} data-area={a.area_code}>
                <th scope="row">{m.title}</th>
                <td>{a.area_name}</td>
                <td className="numeric">
                  {formatValue(row?.value ?? null, m, row?.symbol ?? 'x')}
                  <RoundedMark row={row} />
                </td>
                <td>{row ? formatInterval(row, m) || '–' : '–'}</td>
                <td>{cell?.comparison ? labelInSentence(cell.comparison.label) : '–'}</td>
                <td className="numeric">{cell?.comparison ? formatValue(cell.comparison.value, m) : '–'}</td>
                <td>{cell ? judgementWord(cell) || '–' : '–'}</td>
              </tr>
            );
          }),
        )}
      </tbody>
    </ScrollTable>
  );
}
