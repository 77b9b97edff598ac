// The analytics tables that can be downloaded (server/exports/analytics-tables.ts builds each
// one): plain data with no server imports, so the web app lists the same downloads.

export interface AnalyticsTableInfo {
  /** File name stem: GET /api/export/analytics/<id>.csv */
  id: string;
  title: string;
  description: string;
  chapter: 'needs' | 'gaps' | 'outcomes';
  /** The JSON endpoint's query parameters, which the CSV takes too. */
  parameters: readonly ('area' | 'period' | 'by')[];
}

export const analyticsTableList = [
  {
    id: 'journey-steps',
    title: 'EHC journey: children at each step and time at the step',
    description: 'Request, assessment, plan, annual review and cease: children entering each step in the period, and quartiles of the weeks spent at it.',
    chapter: 'gaps',
    parameters: ['area', 'period'],
  },
  {
    id: 'journey-waiting',
    title: 'EHC journey: children waiting at the extract date',
    description: 'Open requests for an EHC needs assessment at the extract date, and those past 6 and 20 weeks without a decision, by age band.',
    chapter: 'gaps',
    parameters: ['area', 'period'],
  },
  {
    id: 'journey-overlap',
    title: 'EHC journey: overlap of plans, child needs assessments and budgets',
    description: 'Children with combinations of EHC plans, child needs assessments, social care plans and personal budgets, each out of the group named.',
    chapter: 'gaps',
    parameters: ['area', 'period'],
  },
  {
    id: 'provision-gaps-grid',
    title: 'Provision gaps: demand against Local Offer capacity by locality and age band',
    description: 'Children whose EHC plan specifies each provision category against Local Offer places per year apportioned by population: category by LA and localities by age band (the heat map).',
    chapter: 'gaps',
    parameters: ['period'],
  },
  {
    id: 'provision-gaps-categories',
    title: 'Provision gaps: demand and capacity by provision category',
    description: 'For the LA: each provision category’s demand, capacity, gap and ratio, its active Local Offer services and who commissions it; largest gap first.',
    chapter: 'gaps',
    parameters: ['period'],
  },
  {
    id: 'provision-waits-by-commissioner',
    title: 'Provision not delivered and waits by category and commissioner',
    description: 'Children with provision of each category by commissioner (LA or ICB), those waiting for it to start and those whose provision started, with quartiles of the waits; with margins.',
    chapter: 'gaps',
    parameters: ['period'],
  },
  {
    id: 'provision-age-coverage',
    title: 'Local Offer age coverage by provision category and age band',
    description: 'Whether active Local Offer services of each category are open to none, some or all ages of each age band, beside the demand in the band.',
    chapter: 'gaps',
    parameters: ['period'],
  },
  {
    id: 'placements',
    title: 'Out-of-area and independent placements by setting type and primary need',
    description: 'Active EHC plans placed out of the area and in independent settings, by setting type and primary need (with margins), beside all active plans.',
    chapter: 'gaps',
    parameters: ['period'],
  },
  {
    id: 'feedback-themes',
    title: 'Local Offer feedback themes',
    description: 'Comments on the Local Offer by theme: volume, share of all comments, mean rating and "you said, we did" responses.',
    chapter: 'gaps',
    parameters: ['area', 'period'],
  },
  {
    id: 'feedback-theme-trend',
    title: 'Local Offer feedback themes: trend',
    description: 'Comments carrying each theme in every period of the same type, and their share of all comments.',
    chapter: 'gaps',
    parameters: ['area', 'period'],
  },
  {
    id: 'budget-take-up',
    title: 'Personal budget take-up by element and mechanism',
    description: 'Active EHC plans with a running personal budget linked to the plan, of all active plans: in all, by element, by mechanism and by both.',
    chapter: 'outcomes',
    parameters: ['area', 'period'],
  },
  {
    id: 'budget-amounts',
    title: 'Personal budget amounts by element',
    description: 'Running personal budgets by element, and the quartiles and total of their annual amounts in pounds.',
    chapter: 'outcomes',
    parameters: ['area', 'period'],
  },
  {
    id: 'budget-sources',
    title: 'Personal health budgets and where budgets come from',
    description: 'NHS personal health budgets of the health-element budgets; budgets from EHC plans and from child needs assessments only, of all running budgets.',
    chapter: 'outcomes',
    parameters: ['area', 'period'],
  },
  {
    id: 'transitions-pfa-outcomes',
    title: 'Preparing for adulthood outcomes by age',
    description: 'Young people aged 14 to 25 with an active EHC plan, those with an annual review, and the preparing-for-adulthood outcomes recorded at it, by age band (or single year of age with by=age).',
    chapter: 'outcomes',
    parameters: ['area', 'period', 'by'],
  },
  {
    id: 'transitions-care-act',
    title: 'Care Act transition assessments before 18',
    description: 'Young people who turned 18 in the period with social care provision in their EHC plan, and those with a Care Act transition assessment started before their 18th birthday.',
    chapter: 'outcomes',
    parameters: ['area', 'period'],
  },
  {
    id: 'transitions-ceasing-reasons',
    title: 'EHC plans ceasing at 19 to 25 by reason',
    description: 'Plans that ceased in the period when the young person was 19 to 25, by the recorded reason, as shares of all such plans.',
    chapter: 'outcomes',
    parameters: ['area', 'period'],
  },
  {
    id: 'forecast',
    title: 'Active EHC plans: the latest year and a five-year projection',
    description: 'Active EHC plans on 31 December: the latest complete year as counted, then the projected number for each of the next five years with its 95% and 99.8% intervals (by=age_band or by=primary_need for breakdowns).',
    chapter: 'needs',
    parameters: ['area', 'by'],
  },
  {
    id: 'forecast-rates',
    title: 'Active EHC plans projection: fitted joining and leaving rates by age',
    description: 'The forecast’s rates by single year of age: new plans a year per person without a plan, and the share of plans that end in a year.',
    chapter: 'needs',
    parameters: ['area', 'by'],
  },
] as const satisfies readonly AnalyticsTableInfo[];

export type AnalyticsTableId = (typeof analyticsTableList)[number]['id'];
