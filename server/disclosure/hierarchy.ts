// The area hierarchy as equations a reader can subtract (issue 19): in an extract of several
// LAs, England, each region and each ICB is the sum of its LAs, cell by cell (the same period,
// breakdown and category). Without these groups, "region − the other LAs' published totals"
// gives an LA's suppressed count. With them, every aggregate cell is one more additivity group,
// so the secondary rule and the recoverability audit protect every level jointly: England =
// Σ LAs = Σ localities (with the LA = Σ localities groups), a region or an ICB = Σ its LAs (and,
// as linear combinations of these, England = Σ regions = Σ ICBs).
import type { Additivity } from './suppression.ts';

/** One cell of a table by area: `slot` names everything but the area (period, breakdown, category). */
export interface AreaCell {
  key: string;
  area: string;
  slot: string;
}

/**
 * A group per aggregate cell: its total is the aggregate's cell, its parts the same cell of its
 * member LAs that have one (an LA with no cell there counts 0). `members` maps each aggregate
 * area to its LAs. Callers keep only groups that add up exactly (`exactGroups`).
 */
export function hierarchyGroups(cells: readonly AreaCell[], members: ReadonlyMap<string, readonly string[]>): Additivity[] {
  if (members.size === 0) return [];
  const byAreaSlot = new Map<string, string>();
  for (const c of cells) byAreaSlot.set(`${c.area}\u0000${c.slot}`, c.key);
  const groups: Additivity[] = [];
  for (const c of cells) {
    const las = members.get(c.area);
    if (!las) continue;
    const parts: string[] = [];
    for (const la of las) {
      const key = byAreaSlot.get(`${la}\u0000${c.slot}`);
      if (key !== undefined) parts.push(key);
    }
    if (parts.length > 0) groups.push({ total: c.key, parts });
  }
  return groups;
}
