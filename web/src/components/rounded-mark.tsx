import type { IndicatorRow } from '../../../contract/indicators.ts';
import { GlossaryLink } from '../glossary/glossary-link.tsx';

// Figures the disclosure layer publishes with their counts rounded to the nearest 5 (`rounded: true`: an LA total
// whose complement alone is small) say so beside the figure, in words linked to the glossary, never by colour alone.
// Not "[r]": in the GSS list of symbols for tables that means "revised".

type Rounded = Pick<IndicatorRow, 'rounded'> | null | undefined;

/** " (rounded)" after a figure from rounded counts; nothing after an exact one. */
export function RoundedMark({ row }: { row: Rounded }) {
  if (row?.rounded !== true) return null;
  return (
    <span className="rounded-mark" data-testid="rounded-mark">
      {' '}
      (
      <GlossaryLink id="rounded">
        rounded<span className="visually-hidden"> to the nearest 5</span>
      </GlossaryLink>
      )
    </span>
  );
}

/** Under a table that shows a rounded figure: what the mark means. */
export function RoundedKey({ rows }: { rows: readonly Rounded[] }) {
  if (!rows.some((r) => r?.rounded === true)) return null;
  return (
    <p className="hint symbol-key" data-testid="rounded-key">
      Rounded: the counts are rounded to the nearest 5 to protect privacy, and the value and its interval are worked out from the
      rounded counts.
    </p>
  );
}
