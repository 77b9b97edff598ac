import type { Row } from './csv-writer.ts';
import { Rng, hashSeed } from './rng.ts';

// Invented localities (5-8 per LA, unequal sizes) with a block of LSOA-looking codes each,
// and the population file split across them. Seeded by the LA code only, so an LA keeps
// its geography whatever the seed.

const NAMES = [
  'North East', 'North West', 'South East', 'South West', 'Inner East', 'Inner South',
  'Inner West', 'Outer North', 'Outer South', 'Outer East', 'Outer West', 'City Centre',
];

export interface Locality {
  name: string;
  /** Share of the population. */
  weight: number;
  /** Relative rate of SEND among its children (deprivation varies across an LA). */
  needIndex: number;
  lsoaFrom: number;
  lsoaCount: number;
}

export function makeLocalities(laCode: string, population0to25: number): Locality[] {
  const rng = Rng.of('localities', laCode);
  const n = 5 + rng.int(4);
  const names = rng.shuffle([...NAMES]).slice(0, n).sort();
  const raw = names.map(() => 0.45 + rng.next() * 1.6);
  const total = raw.reduce((s, x) => s + x, 0);
  // About 500 residents aged 0-25 per LSOA; a fixed per-LA block of E01 numbers.
  const lsoas = Math.max(n * 4, Math.round(population0to25 / 500));
  let next = 1000 + (hashSeed('lsoa', laCode) % 30000);
  return names.map((name, i) => {
    const weight = (raw[i] ?? 1) / total;
    const lsoaCount = Math.max(3, Math.round(lsoas * weight));
    const loc = { name, weight, needIndex: 0.75 + rng.next() * 0.6, lsoaFrom: next, lsoaCount };
    next += lsoaCount;
    return loc;
  });
}

export const lsoaCode = (n: number): string => `E01${String(n).padStart(6, '0')}`;

/** Splits `total` into integer parts in proportion to `weights` (largest remainder). */
export function splitInteger(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((s, x) => s + x, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left--;
  }
  return parts;
}

/**
 * Population rows for every year of history: the ONS mid-2021 estimate by age and sex,
 * drifted by a small deterministic amount a year, scaled with the extract and split
 * across localities. Rows are ordered by year, locality, age, sex.
 */
export function populationRows(opts: {
  laCode: string;
  seed: number;
  years: number[];
  scale: number;
  base: { F: number[]; M: number[] };
  localities: Locality[];
}): Row[][] {
  const rng = Rng.of(opts.seed, opts.laCode, 'population');
  const weights = opts.localities.map((l) => l.weight);
  return opts.years.map((year) => {
    const byLocality: Row[][] = opts.localities.map(() => []);
    for (let age = 0; age < 26; age++) {
      for (const sex of ['F', 'M'] as const) {
        const drift = 1.004 ** (year - 2021) * (1 + 0.012 * (rng.next() - 0.5));
        const total = Math.round((opts.base[sex][age] ?? 0) * opts.scale * drift);
        splitInteger(total, weights).forEach((population, l) => {
          byLocality[l]?.push({ la_code: opts.laCode, year, age, sex, population, locality: opts.localities[l]?.name });
        });
      }
    }
    return byLocality.flat();
  });
}
