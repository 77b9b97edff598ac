// Order statistics without a full sort: the simulated bands need only the values at eight
// ranks (two either side of each of four quantiles) of 4,000 runs, for every cell of every
// area. Selection (Hoare's FIND) puts exactly the values a sort would at those ranks.

/** Ranks small enough to finish with an insertion sort. */
const SMALL = 16;

/**
 * Reorders values[lo..hi] so that values[k] is the value a sort would put there, with no
 * greater value before it and no smaller one after it.
 */
function selectRank(values: Float64Array, lo: number, hi: number, k: number): void {
  let left = lo;
  let right = hi;
  while (right - left > SMALL) {
    // Median of three as the pivot, which also guards the scans.
    const mid = (left + right) >>> 1;
    if ((values[mid] as number) < (values[left] as number)) swap(values, mid, left);
    if ((values[right] as number) < (values[left] as number)) swap(values, right, left);
    if ((values[right] as number) < (values[mid] as number)) swap(values, right, mid);
    const pivot = values[mid] as number;
    let i = left;
    let j = right;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        swap(values, i, j);
        i++;
        j--;
      }
    }
    // values[left..j] <= pivot, values[i..right] >= pivot, anything between equals it.
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
  for (let i = left + 1; i <= right; i++) {
    const v = values[i] as number;
    let j = i - 1;
    while (j >= left && (values[j] as number) > v) {
      values[j + 1] = values[j] as number;
      j--;
    }
    values[j + 1] = v;
  }
}

function swap(values: Float64Array, i: number, j: number): void {
  const t = values[i] as number;
  values[i] = values[j] as number;
  values[j] = t;
}

/**
 * Reorders values[offset..offset + n) in place so that each of `ranks` (ascending, distinct,
 * counted from `offset`) holds the value a full sort of that range would put there.
 */
export function selectRanks(values: Float64Array, offset: number, n: number, ranks: readonly number[]): void {
  selectEach(values, offset, offset + n - 1, ranks.map((r) => offset + r), 0, ranks.length);
}

function selectEach(values: Float64Array, lo: number, hi: number, ranks: readonly number[], from: number, to: number): void {
  if (from >= to || lo > hi) return;
  const mid = (from + to) >>> 1;
  const k = ranks[mid] as number;
  selectRank(values, lo, hi, k);
  selectEach(values, lo, k - 1, ranks, from, mid);
  selectEach(values, k + 1, hi, ranks, mid + 1, to);
}
