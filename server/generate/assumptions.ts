import type { Code } from '../../contract/vocabularies.ts';
import type { Need, Setting } from './params.ts';

// Modelling assumptions for what the published statistics do not cover (provision lines,
// waits, CNAs, budget amounts, the Local Offer, feedback). Everything the DfE/ONS/MoJ files
// do cover comes from data/reference/synthetic-params.json instead.

export type Category = Code<'provision_category'>;
type NeedTable = Partial<Record<Need, number>>;

/** Share of initial requests that come from a child refused at least 6 months earlier. */
export const RE_REQUEST_SHARE = 0.06;
/** Minimum share of plans ceasing in a year, whatever the published stock implies (moves in fill the gap). */
export const MIN_EXIT_RATE = 0.025;
/** A little of the exceptions DfE reports for most LAs, where an LA reports none. */
export const MIN_EXCEPTION_SHARE = 0.01;
/** Share of post-19 "no longer wishes to engage" ceases recorded as moving to adult services instead (SEN2 has no such reason). */
export const ADULT_SERVICES_SHARE_OF_DISENGAGED = 0.3;
/** EHC plans replaced statements between September 2014 and March 2018. */
export const STATEMENT_TRANSFER = { from: [2014, 9, 1], to: [2018, 3, 31] } as const;

/** Requests by source: not published; most requests come from parents and schools. */
export const REQUEST_SOURCE: [Code<'request_source'>, number][] = [
  ['PARENT', 0.46], ['SCHOOL', 0.38], ['HEALTH', 0.05], ['SOCIAL_CARE', 0.03], ['YOUNG_PERSON', 0.03], ['OTHER', 0.05],
];
/** Requests by calendar month: fewer in August and December (school holidays). */
export const REQUEST_MONTH = [1.0, 1.05, 1.1, 0.95, 1.0, 1.1, 1.15, 0.55, 0.9, 1.15, 1.1, 0.85];

export const SECONDARY_NEED_SHARE = 0.42;
/** Secondary needs that commonly go with each primary need (others drawn from the overall mix). */
export const SECONDARY_AFFINITY: Record<Need, Need[]> = {
  ASD: ['SLCN', 'SEMH', 'MLD'], SLCN: ['ASD', 'MLD', 'SPLD'], SEMH: ['ASD', 'SLCN', 'SPLD'],
  MLD: ['SLCN', 'SEMH', 'SPLD'], SLD: ['ASD', 'PD', 'SLCN'], PMLD: ['PD', 'VI', 'HI'],
  SPLD: ['SEMH', 'SLCN', 'MLD'], PD: ['SLCN', 'MLD', 'VI'], HI: ['SLCN', 'MLD', 'VI'],
  VI: ['PD', 'MLD', 'HI'], MSI: ['PD', 'SLD', 'PMLD'], OTH: ['SEMH', 'MLD', 'SLCN'],
};

/** Children's continuing care eligibility by primary need (about 1.5% of plans overall). */
export const CONTINUING_CARE: NeedTable = { PMLD: 0.3, MSI: 0.1, PD: 0.07, SLD: 0.05 };
export const CONTINUING_CARE_OTHER = 0.002;

/** Out-of-area placement share by setting (SEN2 records this; DfE does not publish it). */
export const OUT_OF_AREA: Partial<Record<Setting, number>> = {
  MAINSTREAM: 0.03, RESOURCED_PROVISION: 0.05, SPECIAL_MAINTAINED: 0.05, SPECIAL_ACADEMY: 0.08,
  SPECIAL_NON_MAINTAINED: 0.65, SPECIAL_INDEPENDENT: 0.55, INDEPENDENT_MAINSTREAM: 0.35,
  ALTERNATIVE_PROVISION: 0.05, EARLY_YEARS: 0.02, FE_COLLEGE: 0.06, POST16_OTHER: 0.33,
  APPRENTICESHIP: 0.15, OTHER: 0.1,
};

// Provision: probability that a plan has a line in each category, by primary need (the
// secondary need adds half its own probability). Health and care lines follow need:
// ASD/SLCN -> SALT; PD/PMLD -> physio, OT, equipment, continence, nursing; SEMH -> CAMHS.
export const PROVISION: Record<Category, { base: number; need?: NeedTable }> = {
  SALT: { base: 0.06, need: { SLCN: 0.85, ASD: 0.6, SLD: 0.6, PMLD: 0.55, MLD: 0.3, HI: 0.35, MSI: 0.5 } },
  OT: { base: 0.05, need: { PD: 0.8, PMLD: 0.7, SLD: 0.4, ASD: 0.3, MSI: 0.4, SPLD: 0.12 } },
  PHYSIO: { base: 0.02, need: { PD: 0.8, PMLD: 0.85, SLD: 0.2, MSI: 0.35 } },
  CAMHS: { base: 0.03, need: { SEMH: 0.45, ASD: 0.15 } },
  COMMUNITY_NURSING: { base: 0.005, need: { PMLD: 0.5, PD: 0.18, SLD: 0.1 } },
  CONTINENCE: { base: 0.005, need: { PMLD: 0.6, SLD: 0.3, PD: 0.2 } },
  EQUIPMENT: { base: 0.01, need: { PD: 0.6, PMLD: 0.7, VI: 0.3, HI: 0.3, MSI: 0.4 } },
  PALLIATIVE_CARE: { base: 0, need: { PMLD: 0.05 } },
  SHORT_BREAKS: { base: 0.03, need: { PMLD: 0.6, SLD: 0.5, PD: 0.3, ASD: 0.15, MSI: 0.3 } },
  PERSONAL_CARE: { base: 0.01, need: { PMLD: 0.6, PD: 0.3, SLD: 0.3 } },
  SENSORY_SUPPORT: { base: 0.01, need: { HI: 0.95, VI: 0.95, MSI: 0.95 } },
  EDUCATIONAL_PSYCHOLOGY: { base: 0.3, need: { SEMH: 0.4, SPLD: 0.35 } },
  SPECIALIST_TEACHING: { base: 0.3, need: { SPLD: 0.6, MLD: 0.45, ASD: 0.4, HI: 0.5, VI: 0.5 } },
  TEACHING_ASSISTANT: { base: 0.55 },
  TRANSPORT: { base: 0.05 },
  OTHER: { base: 0.12 },
};
/** Continuing-care children whose health care is arranged outside the plan: no section G lines. */
export const CONTINUING_CARE_WITHOUT_SECTION_G = 0.12;
/** Extra for continuing-care children: nearly all have nursing and other health provision. */
export const CONTINUING_CARE_PROVISION: Partial<Record<Category, number>> = {
  COMMUNITY_NURSING: 0.9, EQUIPMENT: 0.6, CONTINENCE: 0.5, PALLIATIVE_CARE: 0.15, SHORT_BREAKS: 0.5,
};
/** Share of lines in section G (health) for categories that may sit in F or H instead. */
export const HEALTH_SECTION_SHARE: Partial<Record<Category, number>> = { SALT: 0.6, OT: 0.75, EQUIPMENT: 0.6 };
export const HEALTH_CATEGORIES: readonly Category[] = [
  'SALT', 'OT', 'PHYSIO', 'CAMHS', 'COMMUNITY_NURSING', 'CONTINENCE', 'EQUIPMENT', 'PALLIATIVE_CARE',
];
export const CARE_CATEGORIES: readonly Category[] = ['SHORT_BREAKS', 'PERSONAL_CARE'];

/** Weeks from specification to delivery (median), share never started, hours a year. */
export const DELIVERY: Record<Category, { waitWeeks: number; neverStarts: number; hours: [number, number] | null }> = {
  SALT: { waitWeeks: 16, neverStarts: 0.1, hours: [10, 40] },
  OT: { waitWeeks: 14, neverStarts: 0.09, hours: [6, 24] },
  PHYSIO: { waitWeeks: 8, neverStarts: 0.05, hours: [12, 40] },
  CAMHS: { waitWeeks: 22, neverStarts: 0.14, hours: [12, 30] },
  COMMUNITY_NURSING: { waitWeeks: 3, neverStarts: 0.03, hours: [20, 120] },
  CONTINENCE: { waitWeeks: 6, neverStarts: 0.05, hours: null },
  EQUIPMENT: { waitWeeks: 10, neverStarts: 0.06, hours: null },
  PALLIATIVE_CARE: { waitWeeks: 1, neverStarts: 0.02, hours: [20, 200] },
  SHORT_BREAKS: { waitWeeks: 8, neverStarts: 0.06, hours: [48, 300] },
  PERSONAL_CARE: { waitWeeks: 4, neverStarts: 0.04, hours: [100, 800] },
  SENSORY_SUPPORT: { waitWeeks: 3, neverStarts: 0.01, hours: [20, 80] },
  EDUCATIONAL_PSYCHOLOGY: { waitWeeks: 6, neverStarts: 0.03, hours: [4, 12] },
  SPECIALIST_TEACHING: { waitWeeks: 2, neverStarts: 0.01, hours: [20, 80] },
  TEACHING_ASSISTANT: { waitWeeks: 1, neverStarts: 0.005, hours: [200, 900] },
  TRANSPORT: { waitWeeks: 2, neverStarts: 0.01, hours: null },
  OTHER: { waitWeeks: 3, neverStarts: 0.02, hours: [10, 60] },
};

/** Annual reviews: share of held reviews held by the due date (not published by DfE). */
export const REVIEW_ON_TIME_OF_HELD = 0.68;
/** Preparing-for-adulthood outcomes recorded at reviews, by age band (14-15, 16-17, 18+). */
export const PFA = {
  employment: [0.02, 0.06, 0.18],
  independentLiving: [0.04, 0.08, 0.26],
  community: [0.45, 0.48, 0.5],
  health: [0.6, 0.6, 0.58],
};

/** Children's needs assessments a year, per plan holder under 18, by need. */
export const CNA_RATE: NeedTable = { PMLD: 0.35, SLD: 0.3, MSI: 0.25, PD: 0.2, ASD: 0.08, SEMH: 0.09 };
export const CNA_RATE_OTHER = 0.03;
/** CNA-only children (no request, no plan) per active plan per year. */
export const CNA_ONLY_PER_PLAN_YEAR = 0.04;
export const CNA_FOR_REQUEST_ONLY = 0.05;
export const DISABILITY_RECORDED: NeedTable = { PMLD: 0.98, SLD: 0.95, PD: 0.92, MSI: 0.95, HI: 0.85, VI: 0.85, ASD: 0.75 };
export const DISABILITY_RECORDED_OTHER = 0.45;
/** Care Act transition assessments for young people with H1/H2 provision: before 18, after, never. */
export const TRANSITION = { before: 0.7, after: 0.15 };

/** Personal budgets: relative take-up by need (health and care needs use budgets more). */
export const BUDGET_NEED_FACTOR: NeedTable = { PMLD: 3, PD: 2.2, SLD: 2.2, MSI: 2, ASD: 1 };
export const BUDGET_MECHANISM: [Code<'budget_mechanism'>, number][] = [
  ['DIRECT_PAYMENT', 0.65], ['THIRD_PARTY', 0.15], ['COMBINATION', 0.2],
];
/** Annual amounts (median, log-scale spread) by element. */
export const BUDGET_AMOUNT: Record<Code<'budget_element'>, [number, number]> = {
  EDUCATION: [4200, 0.6], HEALTH: [12500, 0.7], SOCIAL_CARE: [6800, 0.65],
};
/** Of completed CNAs for children without a plan that provided services with a budget, share taking a social care budget. */
export const CNA_BUDGET_SHARE = 0.4;

/**
 * Tribunal: appeal odds by decision type, times the LA's published appeal rate. MoJ's rate
 * divides by all plans held as well as decisions, so against decisions alone it is higher
 * (about 2-3%); plan content is the commonest appeal.
 */
export const APPEAL_ODDS: Record<Code<'appeal_type'>, number> = {
  REFUSAL_TO_ASSESS: 1.8, REFUSAL_TO_ISSUE: 4, PLAN_CONTENT: 1.5, CEASE_TO_MAINTAIN: 0.6,
};
export const APPEAL_OUTCOME: [Code<'appeal_outcome'>, number][] = [
  ['UPHELD', 0.4], ['PARTLY_UPHELD', 0.12], ['DISMISSED', 0.03], ['WITHDRAWN', 0.2], ['CONCEDED', 0.25],
];

/** Local Offer: services per active plan (about 150 for Leeds), and per category: relative
 * number of services, capacity against demand (below 1 = short), typical wait, age range. */
export const SERVICES_PER_PLAN = 0.0246;
export const OFFER: Record<Category, { weight: number; capacity: number; wait: number; ages: [number, number]; local: boolean }> = {
  SALT: { weight: 10, capacity: 0.6, wait: 20, ages: [0, 18], local: true },
  OT: { weight: 7, capacity: 0.65, wait: 16, ages: [0, 18], local: false },
  PHYSIO: { weight: 6, capacity: 1.05, wait: 8, ages: [0, 18], local: false },
  CAMHS: { weight: 9, capacity: 0.5, wait: 26, ages: [0, 17], local: true },
  COMMUNITY_NURSING: { weight: 5, capacity: 1.2, wait: 3, ages: [0, 18], local: true },
  CONTINENCE: { weight: 3, capacity: 1.3, wait: 6, ages: [0, 19], local: false },
  EQUIPMENT: { weight: 5, capacity: 1.2, wait: 10, ages: [0, 25], local: false },
  PALLIATIVE_CARE: { weight: 2, capacity: 1.5, wait: 1, ages: [0, 25], local: false },
  SHORT_BREAKS: { weight: 14, capacity: 0.9, wait: 12, ages: [0, 17], local: true },
  PERSONAL_CARE: { weight: 6, capacity: 1.1, wait: 6, ages: [0, 25], local: true },
  SENSORY_SUPPORT: { weight: 5, capacity: 1.3, wait: 3, ages: [0, 25], local: false },
  EDUCATIONAL_PSYCHOLOGY: { weight: 6, capacity: 0.8, wait: 14, ages: [0, 25], local: false },
  SPECIALIST_TEACHING: { weight: 12, capacity: 1.2, wait: 4, ages: [2, 19], local: true },
  TEACHING_ASSISTANT: { weight: 8, capacity: 1.4, wait: 2, ages: [4, 19], local: true },
  TRANSPORT: { weight: 5, capacity: 1.3, wait: 2, ages: [4, 25], local: false },
  OTHER: { weight: 12, capacity: 1.5, wait: 4, ages: [0, 25], local: true },
};
/** Local Offer feedback items per active plan per year (about 600 a year for Leeds). */
export const FEEDBACK_PER_PLAN = 0.1;
