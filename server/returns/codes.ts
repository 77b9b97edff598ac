import type { Code } from '../../contract/vocabularies.ts';

// Code sets of the DfE SEN2 person-level return (technical specifications 2023-2025) and the
// children-in-need census (2023-24 to 2025-26 specifications), and how each maps onto the
// extract contract's vocabularies (docs/sen2-cin-mapping.md explains every choice).

/** Collection years read, by return. SEN2 `Year` is the census year; CIN `Year` the census year's start. */
export const supportedVersions = {
  SEN2: ['2023', '2024', '2025'],
  CIN: ['2023', '2024', '2025'],
} as const;

/** SENtype (items 5.8a): DS (Down syndrome) is new in 2025; the contract has no DS, so it counts as OTH. */
export const senType: Record<string, Code<'need'>> = {
  SPLD: 'SPLD', MLD: 'MLD', SLD: 'SLD', PMLD: 'PMLD', SEMH: 'SEMH', SLCN: 'SLCN', HI: 'HI', VI: 'VI',
  MSI: 'MSI', PD: 'PD', ASD: 'ASD', DS: 'OTH', OTH: 'OTH',
};

/** SENsetting (items 4.7c, 5.7c): settings with no URN or UKPRN. */
export const senSetting: Record<string, Code<'setting_type'>> = {
  OLA: 'OTHER', OPA: 'OTHER', EHE: 'EHE', EYP: 'EARLY_YEARS', OTH: 'OTHER', NEET: 'NEET', NIEC: 'OTHER', NIEO: 'OTHER',
};

/** CeaseReason (item 4.6): 1-9. */
export const ceaseReason: Record<string, Code<'cease_reason'>> = {
  '1': 'AGE_LIMIT', '2': 'NEEDS_MET', '3': 'HIGHER_EDUCATION', '4': 'EMPLOYMENT', '5': 'MOVED_LA',
  '6': 'DISENGAGED', '7': 'MOVED_OUT_OF_ENGLAND', '8': 'DECEASED', '9': 'OTHER',
};

/** RequestOutcome (item 2.4): decision on the request for an EHC needs assessment. */
export const requestOutcome: Record<string, Code<'assessment_decision'>> = {
  A: 'AGREED', N: 'REFUSED', W: 'WITHDRAWN',
};

/** AssessmentOutcome (item 3.1): Y issue, S issued after another LA's assessment, N not issue, W withdrawn. */
export const assessmentOutcome: Record<string, Code<'plan_decision'>> = {
  Y: 'ISSUED', S: 'ISSUED', N: 'NOT_ISSUED', W: 'WITHDRAWN',
};

/** Sex (2024 on) and GenderCurrent (2023): letters or the CBDS numbers 1 male, 2 female, 0/9 not known. */
export const sexCode: Record<string, Code<'sex'>> = { M: 'M', F: 'F', U: 'U', '1': 'M', '2': 'F', '0': 'U', '9': 'U' };

/** CBDS ethnicity (main and extended codes reduce to their group). */
const ethnicityGroups: Record<Code<'ethnic_group'>, string[]> = {
  WHITE: ['WBRI', 'WIRI', 'WIRT', 'WOTH', 'WROM', 'WSCO', 'WENG', 'WWEL', 'WNIR', 'WALB', 'WBOS', 'WCRO', 'WGRE', 'WGRK', 'WITA', 'WKOS', 'WPOR', 'WSER', 'WTUR', 'WEUR', 'WEEU', 'WOTW'],
  MIXED: ['MWBC', 'MWBA', 'MWAS', 'MOTH', 'MWCH', 'MOTM'],
  ASIAN: ['AIND', 'APKN', 'ABAN', 'AOTH', 'CHNE', 'AMPK', 'AKPA', 'AOPK', 'ABAN', 'AOTA'],
  BLACK: ['BCRB', 'BAFR', 'BOTH', 'BANN', 'BCON', 'BGHA', 'BNGN', 'BSLN', 'BSOM', 'BSUD', 'BAOF'],
  OTHER: ['OOTH', 'OAFG', 'OARA', 'OEGY', 'OFIL', 'OIRN', 'OIRQ', 'OJPN', 'OKOR', 'OKRD', 'OLAM', 'OLEB', 'OLIB', 'OMAL', 'OMRC', 'OPOL', 'OTHR', 'OVIE', 'OYEM'],
  UNKNOWN: ['REFU', 'NOBT'],
};
export const ethnicity: Record<string, Code<'ethnic_group'>> = Object.fromEntries(
  Object.entries(ethnicityGroups).flatMap(([group, codes]) => codes.map((c) => [c, group as Code<'ethnic_group'>])),
);

/** CIN census Disability codes; NONE means no disability. */
export const cinDisability = new Set(['NONE', 'MOB', 'HAND', 'PC', 'INC', 'COMM', 'LD', 'HEAR', 'VIS', 'BEH', 'CON', 'AUT', 'DDA']);

/** CIN ReasonForClosure RC8: case closed after assessment, no further action. */
export const closedNoFurtherAction = 'RC8';
export const cinClosureReasons = new Set(['RC1', 'RC2', 'RC3', 'RC4', 'RC5', 'RC6', 'RC7', 'RC8', 'RC9']);

/** Elements whose values identify a person: never copied anywhere, not even into the quarantine. */
export const identifierElements = new Set([
  'Surname', 'Forename', 'PersonBirthDate', 'ExpectedPersonBirthDate', 'PersonDeathDate', 'PostCode', 'Postcode',
  'UPN', 'FormerUPN', 'UniqueLearnerNumber', 'ULN', 'LAchildID',
]);
