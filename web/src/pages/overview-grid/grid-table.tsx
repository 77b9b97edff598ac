import type { IndicatorMeta } from '../../../../contract/indicators.ts';
import { RoundedMark } from '../../components/rounded-mark.tsx';
import { directionOf, SvgMarker } from '../../charts/marks.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { formatValue, labelInSentence, significanceLabel, type Significance } from '../../format.ts';
import { Link } from '../../router.tsx';
import { cellKey, tintOf, type Grid, type GridCell } from './model.ts';

const groupTitles: Record<IndicatorMeta['group'], string> = { needs: 'Needs', gaps: 'Gaps', outcomes: 'Outcomes' };

/** The short word for a judgement; one the web does not know is shown as it comes, as neutral text. */
export function judgementWord(cell: GridCell): string {
  // A withheld (c) or missing (x) figure is not compared: its symbol says so.
  if (cell.row?.value == null) return '';
  if (!cell.comparison) return 'No comparison';
  const s = cell.comparison.significance as string;
  return (significanceLabel as Record<string, string>)[s] ?? s.replace(/[-_]/g, ' ');
}

function CellMark({ cell }: { cell: GridCell }) {
  const significance = cell.comparison?.significance;
  if (!cell.comparison || !significance || tintOf(significance) === 'neutral' || cell.row?.value == null) return null;
  return (
    <svg width="14" height="14" viewBox="-7 -7 14 14" aria-hidden="true" focusable="false" className="grid-cell__mark">
      <SvgMarker x={0} y={0} significance={significance as Significance} direction={directionOf(cell.row?.value ?? null, cell.comparison.value)} r={5} />
    </svg>
  );
}

function Cell({ cell }: { cell: GridCell | undefined }) {
  if (!cell) return <td className="grid-cell grid-cell--neutral">x</td>;
  const { row, indicator } = cell;
  const word = judgementWord(cell);
  const tint = cell.comparison ? tintOf(cell.comparison.significance) : 'neutral';
  return (
    <td className={`grid-cell grid-cell--${tint}`} data-testid="grid-cell" data-indicator={indicator.id} data-area={cell.area.area_code} data-significance={cell.comparison?.significance ?? ''}>
      <span className="grid-cell__value">
        {cell.error ? 'Not loaded' : formatValue(row?.value ?? null, indicator, row?.symbol ?? 'x')}
        <RoundedMark row={row} />
      </span>
      {word ? (
        <span className="grid-cell__judgement">
          <CellMark cell={cell} />
          {word}
          {cell.comparison ? <span className="visually-hidden"> compared with {labelInSentence(cell.comparison.label)}</span> : null}
        </span>
      ) : null}
    </td>
  );
}

/** The tartan rug: indicators down, areas across, every cell with its value, a shape and a word. */
export function GridTable({ grid, period, compareLabel }: { grid: Grid; period: string; compareLabel: string }) {
  const groups = (['needs', 'gaps', 'outcomes'] as const).map((g) => ({ group: g, indicators: grid.indicators.filter((m) => m.group === g) })).filter((g) => g.indicators.length > 0);
  return (
    <ScrollTable
      caption={`Every indicator, ${period}: the local authority compared with ${labelInSentence(compareLabel)}, each locality with the local authority`}
      className="table--sticky-first overview-grid"
      testId="overview-grid"
    >
      <thead>
        <tr>
          <th scope="col">Indicator</th>
          {grid.areas.map((a) => (
            <th scope="col" key={a.area_code} className="overview-grid__area">
              {a.area_name}
              {a.area_type === 'locality' ? <span className="hint"> locality</span> : null}
            </th>
          ))}
        </tr>
      </thead>
      {groups.map(({ group, indicators }) => (
        <tbody key={group}>
          <tr className="overview-grid__group">
            <th scope="colgroup" colSpan={grid.areas.length + 1}>
              {groupTitles[group]}
            </th>
          </tr>
          {indicators.map((m) => (
            <tr key={m.id}>
              <th scope="row">
                <Link href={`/${m.group}#${m.id}`}>{m.title}</Link>
              </th>
              {grid.areas.map((a) => (
                <Cell key={a.area_code} cell={grid.cells.get(cellKey(m.id, a.area_code))} />
              ))}
            </tr>
          ))}
        </tbody>
      ))}
    </ScrollTable>
  );
}
