import { join } from 'node:path';
import { repoRoot } from '../../server/sql-files.ts';

// The hand-made extract of four LAs in two regions and two ICBs (test/fixtures/multi-la-extract/README.md)
// and the codes of its areas, shared by the tests that work its figures out by hand.
export const multiLaDir = join(repoRoot, 'test', 'fixtures', 'multi-la-extract');
export const ENGLAND = 'E92000001';
export const YORKSHIRE = 'E12000003';
export const NORTH_WEST = 'E12000002';
export const WEST_YORKSHIRE_ICB = 'E54000054';
export const MANCHESTER_ICB = 'E54000057';
export const LEEDS = 'E08000035';
export const BRADFORD = 'E08000032';
export const MANCHESTER = 'E08000003';
export const SALFORD = 'E08000006';
