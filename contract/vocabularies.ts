// Code lists the server and the web app both need: the extract's vocabularies (docs/extract-format.md), the
// breakdowns and units of the indicators, age bands and feedback themes. Plain data, no imports.

/** The extract's code lists (docs/extract-format.md): each coded column takes one of these values. */
export const vocabularies = {
  sex: ['F', 'M', 'U'],
  ethnic_group: ['WHITE', 'MIXED', 'ASIAN', 'BLACK', 'OTHER', 'UNKNOWN'],
  request_source: ['PARENT', 'YOUNG_PERSON', 'SCHOOL', 'HEALTH', 'SOCIAL_CARE', 'OTHER'],
  assessment_decision: ['AGREED', 'REFUSED', 'WITHDRAWN', 'PENDING'],
  plan_decision: ['ISSUED', 'NOT_ISSUED', 'WITHDRAWN', 'PENDING'],
  cease_reason: [
    'NEEDS_MET', 'MOVED_LA', 'MOVED_OUT_OF_ENGLAND', 'HIGHER_EDUCATION', 'EMPLOYMENT',
    'ADULT_SERVICES', 'DISENGAGED', 'AGE_LIMIT', 'DECEASED', 'OTHER',
  ],
  need: ['SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'OTH'],
  setting_type: [
    'MAINSTREAM', 'RESOURCED_PROVISION', 'SPECIAL_MAINTAINED', 'SPECIAL_ACADEMY',
    'SPECIAL_NON_MAINTAINED', 'SPECIAL_INDEPENDENT', 'INDEPENDENT_MAINSTREAM',
    'ALTERNATIVE_PROVISION', 'EARLY_YEARS', 'FE_COLLEGE', 'POST16_OTHER', 'APPRENTICESHIP',
    'EHE', 'NEET', 'OTHER',
  ],
  provision_section: ['F', 'G', 'H1', 'H2'],
  provision_category: [
    'SALT', 'OT', 'PHYSIO', 'CAMHS', 'COMMUNITY_NURSING', 'CONTINENCE', 'EQUIPMENT',
    'PALLIATIVE_CARE', 'SHORT_BREAKS', 'PERSONAL_CARE', 'SENSORY_SUPPORT',
    'EDUCATIONAL_PSYCHOLOGY', 'SPECIALIST_TEACHING', 'TEACHING_ASSISTANT', 'TRANSPORT', 'OTHER',
  ],
  review_outcome: ['MAINTAIN', 'AMEND', 'CEASE', 'PENDING'],
  assessment_type: ['CHILD_IN_NEED', 'SHORT_BREAKS', 'CARE_ACT_TRANSITION'],
  cna_outcome: ['SERVICES_PROVIDED', 'NO_FURTHER_ACTION', 'REFERRED_ELSEWHERE', 'ONGOING'],
  budget_element: ['EDUCATION', 'HEALTH', 'SOCIAL_CARE'],
  budget_mechanism: ['DIRECT_PAYMENT', 'THIRD_PARTY', 'ORGANISED_ARRANGEMENT', 'COMBINATION'],
  appeal_type: ['REFUSAL_TO_ASSESS', 'REFUSAL_TO_ISSUE', 'PLAN_CONTENT', 'CEASE_TO_MAINTAIN'],
  appeal_outcome: ['UPHELD', 'PARTLY_UPHELD', 'DISMISSED', 'WITHDRAWN', 'CONCEDED', 'PENDING'],
  respondent: ['PARENT_CARER', 'YOUNG_PERSON', 'PROFESSIONAL', 'OTHER'],
  feedback_response: ['NONE', 'RESPONDED', 'SERVICE_CHANGED'],
  population_sex: ['F', 'M'],
} as const satisfies Record<string, readonly string[]>;

export type VocabularyName = keyof typeof vocabularies;
export type Code<V extends VocabularyName> = (typeof vocabularies)[V][number];

/** Breakdowns an indicator may allow; each maps to one SQL grouping column. */
export const breakdownIds = [
  'all', 'age_band', 'sex', 'ethnic_group', 'primary_need', 'setting_type', 'locality',
  'provision_category', 'commissioner', 'budget_element', 'budget_mechanism',
] as const;
export type BreakdownId = (typeof breakdownIds)[number];

/** Units of an indicator's value: the label after a figure and the multiplier from a proportion. */
export const units = {
  percent: { label: '%', multiplier: 100 },
  per_1000: { label: 'per 1,000', multiplier: 1000 },
  per_10000: { label: 'per 10,000', multiplier: 10000 },
  count: { label: 'count', multiplier: 1 },
  weeks: { label: 'weeks', multiplier: 1 },
  pounds: { label: '£', multiplier: 1 },
} as const;
export type Unit = keyof typeof units;
export const unitIds = Object.keys(units) as [Unit, ...Unit[]];

/** Calendar years (January to December) and financial years (April to March). */
export const periodTypes = ['calendar-year', 'financial-year'] as const;
export type PeriodTypeId = (typeof periodTypes)[number];

/** The five age bands of the analytics tables (0-25). */
export const ageBands = ['0-4', '5-10', '11-15', '16-19', '20-25'] as const;
export type AgeBand = (typeof ageBands)[number];

/** Who commissions a provision line. */
export const commissionerTypes = ['LA', 'ICB', 'unknown'] as const;
export type CommissionerType = (typeof commissionerTypes)[number];

/** Themes of Local Offer feedback comments (server/analytics/feedback-lexicon.ts holds their phrases). */
export const themeIds = ['waiting', 'communication', 'eligibility', 'information', 'staff', 'transport', 'transitions', 'other'] as const;
export type ThemeId = (typeof themeIds)[number];
