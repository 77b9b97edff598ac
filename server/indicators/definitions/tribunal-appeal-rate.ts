import type { IndicatorDefinition } from '../types.ts';

export const tribunalAppealRate: IndicatorDefinition = {
  id: 'tribunal-appeal-rate',
  title: 'SEND Tribunal appeals per appealable decision',
  group: 'outcomes',
  description:
    'Appeals to the SEND Tribunal registered during the calendar year, as a percentage of the decisions parents and young people could appeal that were made in the year: refusals to assess, decisions not to issue a plan, plans issued (including transferred plans) and plans ended. An appeal registered this year may be about a decision made last year.',
  numerator: 'SEND Tribunal appeals registered in the year (all types)',
  denominator: 'appealable decisions in the year: assessment refusals, decisions not to issue, plans issued and plans ceased',
  unit: 'percent',
  polarity: 'lower-better',
  ciMethod: 'wilson',
  sources: ['tribunal_appeals', 'ehc_requests', 'ehc_plans', 'children'],
  periodType: 'calendar-year',
  breakdowns: ['sex'],
  denominatorIsCount: true,
  placement: { headline: 9 },
  disclosure: 'Numerators or denominators of 1 to 7 appeals or decisions are suppressed, with secondary suppression across breakdowns and localities.',
  benchmark: 'MoJ SEND Appeal rate table 1: appeals registered / total appealable decisions (its denominator counts plans held at January rather than plans issued, so it is larger and its rate lower)',
  benchmarkBasis: {
    importedFrom: { publisher: 'moj-tribunal' },
    source: 'MoJ SEND Tribunal statistics, appeal rate table 1: appeals registered / total appealable decisions',
    numerator: 'SEND Tribunal appeals registered in the calendar year',
    denominator: 'appealable decisions as MoJ counts them: refusals to assess and to issue, plus the plans held in January (not plans issued)',
    referenceDate: 'the calendar year; plans held at January',
    populationBase: null,
    comparison: {
      kind: 'not-compared',
      reason: 'The published rate divides by the plans held in January as well as decisions, about three times the decisions the extract can count, so the published rates are far lower by construction. Shown for context only.',
    },
  },
};
