// Identifier detection: one module for ingest (free-text redaction, header refusal),
// quarantine (values withheld), quotes and exports. Pure: no database, no API.
export { nhsNumberValid, ulnValid, upnValid, upnCheckLetter } from './check-digits.ts';
export { foldText } from './fold.ts';
export { findIdentifiers, identifierKind, quotable, redactIdentifiers, REDACTION_MARKER, type NameMode, type Redaction } from './detect.ts';
export { identifierHeader, type HeaderVerdict } from './headers.ts';
export type { Finding, IdentifierKind } from './patterns.ts';
