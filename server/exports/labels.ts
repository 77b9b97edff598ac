import { primaryNeedLabels, settingTypeLabels } from '../../contract/labels.ts';

// Readable labels beside the codes in exported tables (DfE open data keeps both: a code column and its label), so
// a workbook reader sees "Independent special school", not SPECIAL_INDEPENDENT. Setting types as SEN2 and the
// school census label them; primary needs as the DfE's SEN statistics (contract/labels.ts, shared with the web).

const labels: Record<string, Record<string, string>> = {
  setting_type: { all: 'All settings', ...settingTypeLabels, unknown: 'Not recorded' },
  primary_need: {
    all: 'All primary needs',
    ...primaryNeedLabels,
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
