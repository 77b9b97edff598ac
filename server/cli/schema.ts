import { writeFileSync } from 'node:fs';
import { extractTablesDdl } from '../schema/ddl.ts';
import { sqlPath } from '../sql-files.ts';

writeFileSync(sqlPath('schema/extract-tables.sql'), extractTablesDdl());
console.log('wrote sql/schema/extract-tables.sql');
