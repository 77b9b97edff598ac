// Linked outputs (issue 13, route 3): an insight endpoint that publishes counts an indicator
// also publishes (the same population, area, period and breakdown) takes its suppression
// pattern from the indicator, so neither output can fill the other's gap. The indicator owns
// the decision: its rows were suppressed with every additivity group (breakdowns, localities)
// and the complement rule; the endpoint shows a linked count exactly where the indicator
// shows it, and hides it exactly where the indicator hides it.
import type { SuppressionResult } from './suppression.ts';

export type LinkedStatus = Pick<SuppressionResult, 'suppressed' | 'reason'>;

/** The pattern of the indicators an endpoint is linked to, keyed by `linkKey`. */
export type LinkedPattern = ReadonlyMap<string, LinkedStatus>;

export const linkKey = (indicator: string, area: string, period: string, breakdown: string, value: string): string =>
  `${indicator}\u241f${area}\u241f${period}\u241f${breakdown}\u241f${value}`;

export const noLinks: LinkedPattern = new Map();

