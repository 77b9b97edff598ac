export {
  DEFAULT_THRESHOLD,
  SUPPRESSION_SYMBOL,
  isPrimaryDisclosive,
  publishedValue,
  suppress,
} from './suppression.ts';
export type { Additivity, Cell, SuppressionOptions, SuppressionResult } from './suppression.ts';
export { recoverableCells } from './audit.ts';
export { complementCells, complementKey, exactGroups, type Proportion } from './additivity.ts';
export { hierarchyGroups, type AreaCell } from './hierarchy.ts';
