import { describe, expect, it } from 'vitest';
import { commissionerWords, places, settingLabel } from '../../web/src/analytics-format.ts';
import { categoryLabel } from '../../web/src/format.ts';
import { icbName, laName } from '../../web/src/reference/names.ts';
import { validateWorkload } from '../../web/src/pages/workload.tsx';

// Issue 17: names not codes, DfE labels, whole places and the workload planner's messages, as pure functions.

describe('names, not codes (defect 3)', () => {
  it('names an ICB from its ODS code and an LA from its ONS code', () => {
    expect(icbName('QWO')).toBe('NHS West Yorkshire Integrated Care Board');
    expect(icbName('QOP')).toBe('NHS Greater Manchester Integrated Care Board');
    expect(laName('E08000035')).toBe('Leeds');
    expect(laName('E06000001')).toBe('Hartlepool');
    expect(icbName('ZZZ')).toBeNull();
  });

  it('says who commissions in words, with no code when the name is known', () => {
    expect(commissionerWords({ code: 'QWO', type: 'ICB' })).toBe('NHS West Yorkshire Integrated Care Board');
    expect(commissionerWords({ code: 'E08000035', type: 'LA' })).toBe('Leeds local authority');
    expect(commissionerWords({ code: 'E08000036', type: 'LA' })).toBe('Wakefield local authority');
    // An unknown code: named as what it is, with the code so it can be traced.
    expect(commissionerWords({ code: 'ZZZ', type: 'ICB' })).toBe('an integrated care board not in the NHS list (code ZZZ)');
  });
});

describe('DfE labels (defect 6)', () => {
  it('labels settings and post-16 as DfE does', () => {
    expect(settingLabel('FE_COLLEGE')).toBe('Further education college');
    expect(categoryLabel('FE_COLLEGE')).toBe('Further education college');
    expect(categoryLabel('POST16_OTHER')).toBe('Post-16 other');
    expect(settingLabel('POST16_OTHER')).toBe('Post-16 other');
    expect(categoryLabel('SPECIAL_INDEPENDENT')).toBe('Independent special school');
  });
});

describe('whole places (defect 7)', () => {
  it('shows places as whole numbers, and a share under 1 as "fewer than 1"', () => {
    expect(places(10)).toBe('10');
    expect(places(8.9)).toBe('9');
    expect(places(0.4)).toBe('fewer than 1');
    expect(places(0)).toBe('0');
  });
});

describe('workload planner messages (defect 10)', () => {
  it('a negative number gets a clear message, not "must be a number"', () => {
    const errors = validateWorkload({ caseload: '-5', years: '1', weeks_per_year: '39', plans_per_coordinator_per_quarter: '45' });
    expect(errors.caseload).toBe('Enter a number more than 0 for the caseload, like 740');
    expect(validateWorkload({ caseload: 'abc', years: '1', weeks_per_year: '39', plans_per_coordinator_per_quarter: '45' }).caseload).toBe(
      'The caseload must be a number, like 740 or 12.5',
    );
  });
});
