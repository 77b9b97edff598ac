import { tableName } from './components/data-notes.tsx';

// The loader's rejection reasons ("end_date is before start_date", "plan_id not found among loaded ehc_plans
// rows") in plain English for pages and the board pack: field and table names as words, initialisms in capitals.
// The reasons themselves stay as the validator wrote them in the API, logs and downloads.

const initialisms = new Set(['ehc', 'la', 'cna', 'send', 'icb', 'id', 'ons', 'nhs', 'upn', 'ulg', 'csv', 'sen']);

/** Plain words for some fields whose spelled-out name would still read as code. */
const fieldWords: Record<string, string> = {
  child_id: 'child',
  plan_id: 'EHC plan',
  request_id: 'request',
  la_code: 'local authority code',
  area_code: 'area code',
  birth_month: 'month of birth',
};

/** One field or table name as words: "end_date" -> "end date", "ehc_plans" -> "EHC plans". */
export function fieldInWords(name: string): string {
  const known = fieldWords[name];
  if (known) return known;
  const table = tableName(name);
  if (table !== name.replace(/_/g, ' ')) return table;
  return name
    .split('_')
    .map((w) => (initialisms.has(w) ? w.toUpperCase() : w))
    .join(' ');
}

/** A file name as words: "annual_reviews.csv" -> "the annual reviews file". */
export const fileInWords = (fileName: string): string => `the ${fieldInWords(fileName.replace(/\.[a-z]+$/i, ''))} file`;

/** A rejection reason in plain English, starting with a capital. */
export function reasonInWords(reason: string): string {
  const words = reason.replace(/\b[a-z0-9]+(?:_[a-z0-9]+)+\b/g, (name) => fieldInWords(name)).replace(/\b([A-Za-z ]+?) not found among loaded ([A-Za-z ]+?) rows\b/, '$1 not found among the loaded $2');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The reason inside a sentence: a lower-case first letter unless it starts an initialism ("EHC plan ..."). */
export const reasonInSentence = (reason: string): string => {
  const words = reasonInWords(reason);
  return /^[A-Z]{2}/.test(words) ? words : words.charAt(0).toLowerCase() + words.slice(1);
};
