// DfE labels of the extract's codes, written once for the server's exports and the web's pages: setting types as
// SEN2 and the school census label them; primary needs as the DfE's SEN statistics.

export const settingTypeLabels: Readonly<Record<string, string>> = {
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
};

export const primaryNeedLabels: Readonly<Record<string, string>> = {
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
};
