// Readable labels beside the codes in exported tables (DfE open data keeps both: a code column and its label), so
// a workbook reader sees "Independent special school", not SPECIAL_INDEPENDENT. Setting types as SEN2 and the
// school census label them; primary needs as the DfE's SEN statistics.

const labels: Record<string, Record<string, string>> = {
  setting_type: {
    all: 'All settings',
    MAINSTREAM: 'Mainstream school',
    RESOURCED_PROVISION: 'Resourced provision or SEN unit',
    SPECIAL_MAINTAINED: 'Maintained special school',
    SPECIAL_ACADEMY: 'Special academy or free school',
    SPECIAL_NON_MAINTAINED: 'Non-maintained special school',
    SPECIAL_INDEPENDENT: 'Independent special school',
    INDEPENDENT_MAINSTREAM: 'Independent mainstream school',
    ALTERNATIVE_PROVISION: 'Alternative provision',
    EARLY_YEARS: 'Early years setting',
    FE_COLLEGE: 'Further education college',
    POST16_OTHER: 'Post-16 other',
    APPRENTICESHIP: 'Apprenticeship',
    EHE: 'Elective home education',
    NEET: 'Not in education, employment or training',
    OTHER: 'Other',
    unknown: 'Not recorded',
  },
  primary_need: {
    all: 'All primary needs',
    SPLD: 'Specific learning difficulty',
    MLD: 'Moderate learning difficulty',
    SLD: 'Severe learning difficulty',
    PMLD: 'Profound and multiple learning difficulty',
    SEMH: 'Social, emotional and mental health',
    SLCN: 'Speech, language and communication needs',
    HI: 'Hearing impairment',
    VI: 'Vision impairment',
    MSI: 'Multi-sensory impairment',
    PD: 'Physical disability',
    ASD: 'Autistic spectrum disorder',
    OTH: 'Other difficulty or disability',
    NSA: 'SEN support but no specialist assessment of type of need',
    unknown: 'Not recorded',
  },
  placement: {
    out_of_area: 'Placed outside the local authority',
    independent: 'Independent or non-maintained special school',
  },
};

/** The label of a code in a column ("setting_type", "primary_need", "placement"); the code itself when unknown. */
export function labelOf(column: keyof typeof labels | string, code: string): string {
  return labels[column]?.[code] ?? code;
}
