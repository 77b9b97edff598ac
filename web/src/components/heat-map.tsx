import type { GridCell } from '../../../contract/analytics.ts';
import { count, placesOf, provisionLabel, ratio } from '../analytics-format.ts';
import { useOverflow } from '../use-overflow.ts';

// Demand against Local Offer capacity as an accessible heat map: a real table (row and column headers, a caption),
// each cell printing the children, the places and the ratio, with the level of shortfall carried three ways: the
// fill colour, a count of ▲ marks, and the ratio itself. "No places" cells are hatched and say so in words.

export type HeatLevel = 'covered' | 'short-1' | 'short-2' | 'short-3' | 'no-places' | 'none' | 'withheld';

/** The cell's level: shortfall bands by demand / capacity (over 1 means more children than places). */
export function heatLevel(cell: Pick<GridCell, 'demand' | 'capacity' | 'ratio'>): HeatLevel {
  if (cell.demand.value === null) return 'withheld';
  const demand = cell.demand.value;
  const capacity = cell.capacity.value;
  if (capacity === null) return 'withheld';
  if (demand === 0 && capacity === 0) return 'none';
  if (capacity === 0) return 'no-places';
  const r = cell.ratio.value ?? demand / capacity;
  if (r <= 1) return 'covered';
  if (r <= 1.5) return 'short-1';
  if (r <= 2) return 'short-2';
  return 'short-3';
}

export const heatLevels: { level: HeatLevel; marks: string; label: string }[] = [
  { level: 'covered', marks: '', label: 'Enough places: at most 1 child per place' },
  { level: 'short-1', marks: '▲', label: 'Over 1 and up to 1.5 children per place' },
  { level: 'short-2', marks: '▲▲', label: 'Over 1.5 and up to 2 children per place' },
  { level: 'short-3', marks: '▲▲▲', label: 'Over 2 children per place' },
  { level: 'no-places', marks: '⊘', label: 'No places: children need it, the Local Offer lists none (hatched)' },
  { level: 'none', marks: '–', label: 'No children and no places' },
  { level: 'withheld', marks: '', label: 'c suppressed, x cannot be calculated' },
];

const marksOf = (level: HeatLevel): string => heatLevels.find((l) => l.level === level)?.marks ?? '';
const levelWords = (level: HeatLevel): string => heatLevels.find((l) => l.level === level)?.label ?? '';

function Cell({ cell }: { cell: GridCell | undefined }) {
  if (!cell) return <td className="heat-map__cell heat-map__cell--none">–</td>;
  const level = heatLevel(cell);
  const marks = marksOf(level);
  const withheld = level === 'withheld';
  const spoken = withheld
    ? `${count(cell.demand)} children, ${placesOf(cell.capacity)} places`
    : `${count(cell.demand)} children, ${placesOf(cell.capacity)} places${cell.ratio.value !== null ? `, ${ratio(cell.ratio)} children per place` : ''}. ${levelWords(level)}`;
  return (
    <td className={`heat-map__cell heat-map__cell--${level}`} data-level={level}>
      <span className="heat-map__content" aria-hidden="true">
        <span className="heat-map__main">
          {level === 'no-places' ? 'No places' : level === 'none' ? '–' : withheld ? (cell.demand.value === null ? count(cell.demand) : placesOf(cell.capacity)) : ratio(cell.ratio)}
          {marks && level !== 'no-places' && level !== 'none' ? <span className="heat-map__marks"> {marks}</span> : null}
          {level === 'no-places' ? <span className="heat-map__marks"> ⊘</span> : null}
        </span>
        <span className="heat-map__sub">
          {count(cell.demand)} / {placesOf(cell.capacity)}
        </span>
      </span>
      <span className="visually-hidden">{spoken}</span>
    </td>
  );
}

/** The heat map for one slice of the grid: provision categories down, `columns` across. */
export function HeatMap({
  caption,
  categories,
  columns,
  cellOf,
}: {
  caption: string;
  categories: string[];
  columns: { key: string; label: string }[];
  cellOf: (category: string, column: string) => GridCell | undefined;
}) {
  const { ref, overflows, atEnd } = useOverflow<HTMLDivElement>();
  return (
    <>
    {overflows ? (
      <p className="scroll-cue" data-testid="scroll-cue">
        <span aria-hidden="true">↔ </span>
        {atEnd
          ? `Scroll back to the left for the first columns. The table has ${columns.length} columns.`
          : `The table is wider than the screen: scroll it sideways to see all ${columns.length} columns.`}
      </p>
    ) : null}
    <div className="table-scroll heat-map-scroll" role="region" aria-label={caption} tabIndex={0} ref={ref}>
      <table className="table heat-map" data-testid="heat-map">
        {/* The figure's heading says the same, visibly, above the table; the caption names the table for screen readers. */}
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Provision</th>
            {columns.map((c) => (
              <th key={c.key} scope="col" className="heat-map__col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {categories.map((category) => (
            <tr key={category}>
              <th scope="row" className="heat-map__row">
                {provisionLabel(category)}
              </th>
              {columns.map((c) => (
                <Cell key={c.key} cell={cellOf(category, c.key)} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    </>
  );
}

/** The key to the heat map's fills and marks (HTML, so it wraps, zooms and prints). */
export function HeatMapKey({ levels }: { levels: HeatLevel[] }) {
  return (
    <div className="heat-map-key">
      <p className="heat-map-key__title">Key: each cell shows children per place (demand ÷ places), then children / places</p>
      <ul className="heat-map-key__list">
        {heatLevels
          .filter((l) => levels.includes(l.level))
          .map((l) => (
            <li key={l.level}>
              <span className={`heat-map-key__swatch heat-map__cell--${l.level}`} aria-hidden="true">
                {l.marks}
              </span>
              {l.label}
            </li>
          ))}
      </ul>
    </div>
  );
}
