import { describe, expect, it } from 'vitest';
import { fileInWords, reasonInSentence, reasonInWords } from '../../web/src/reason-words.ts';

// Issue 17 defect 8: the loader's rejection reasons in plain English on pages (worked by hand from the validator's
// wording in server/ingest/validation-sql.ts and load-extract.ts).

describe('rejection reasons in words', () => {
  it('turns field and table names into words', () => {
    expect(reasonInWords('end_date is before start_date')).toBe('End date is before start date');
    expect(reasonInWords('completed_date is before start_date')).toBe('Completed date is before start date');
    expect(reasonInWords('assessment_decision_date is before received_date')).toBe('Assessment decision date is before received date');
    expect(reasonInWords('plan_id not found among loaded ehc_plans rows')).toBe('EHC plan not found among the loaded EHC plans');
    expect(reasonInWords('duplicate child_id')).toBe('Duplicate child');
  });

  it('leaves plain reasons as they are, with a capital', () => {
    expect(reasonInWords('malformed CSV row')).toBe('Malformed CSV row');
    expect(reasonInWords('below the minimum of 0')).toBe('Below the minimum of 0');
  });

  it('names a file by its table', () => {
    expect(fileInWords('annual_reviews.csv')).toBe('the annual reviews file');
    expect(fileInWords('ehc_plans.csv')).toBe('the EHC plans file');
  });

  it('lower-cases the first letter inside a sentence, except an initialism', () => {
    expect(reasonInSentence('end_date is before start_date')).toBe('end date is before start date');
    expect(reasonInSentence('plan_id not found among loaded ehc_plans rows')).toBe('EHC plan not found among the loaded EHC plans');
  });
});
