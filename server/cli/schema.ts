import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractTablesDdl } from '../schema/ddl.ts';
import { extractFormatDoc } from '../schema/format-doc.ts';
import { repoRoot, sqlPath } from '../sql-files.ts';

// Regenerates the two artefacts derived from server/extract/spec.ts.
writeFileSync(sqlPath('schema/extract-tables.sql'), extractTablesDdl());
writeFileSync(join(repoRoot, 'docs', 'extract-format.md'), extractFormatDoc());
console.log('wrote sql/schema/extract-tables.sql and docs/extract-format.md');
