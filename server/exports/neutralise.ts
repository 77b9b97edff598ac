// Formula-injection defence (OWASP "CSV injection"): a spreadsheet treats text that
// starts with one of these characters as a formula or a DDE call. Such text gets a
// leading apostrophe, so it shows as text and is never evaluated. Numbers are never
// passed through here: a negative number is written as a number, not as text.

const formulaStart = /^[=+\-@\t\r]/;

/** The text, prefixed with `'` when it could start a formula. */
export function neutralise(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

/** True when a spreadsheet could read this text as a formula. */
export const couldBeFormula = (text: string): boolean => formulaStart.test(text);
