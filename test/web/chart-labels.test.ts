import { describe, expect, it } from 'vitest';
import { valueLabelPlacement } from '../../web/src/charts/category-bars.tsx';

// Issue 17 defect 7: a median bar's label sits at the median, not at the end of the quartile whisker.
// A bar from x=100, 200 px long for a median of 27.1 weeks, with its upper quartile at 299 weeks (x≈2306).

const bar = { left: 100, top: 50, height: 22, value: 27.1 };

describe('value label of a bar with a whisker', () => {
  it('above the bar, ending at the median, when the bar is as long as the label', () => {
    const at = valueLabelPlacement({ ...bar, length: 200, text: '27.1', whisker: [10, 299] });
    expect(at).toEqual({ x: 300, y: 47, anchor: 'end' });
  });

  it('a short bar: above the bar, starting at the median', () => {
    const at = valueLabelPlacement({ ...bar, length: 20, text: '27.1', whisker: [10, 299] });
    expect(at).toEqual({ x: 122, y: 47, anchor: 'start' });
  });

  it('no whisker past the bar: just after the bar, on its middle', () => {
    expect(valueLabelPlacement({ ...bar, length: 200, text: '27.1', whisker: null })).toEqual({ x: 306, y: 65, anchor: 'start' });
    expect(valueLabelPlacement({ ...bar, length: 200, text: '27.1', whisker: [20, 27.1] })).toEqual({ x: 306, y: 65, anchor: 'start' });
  });
});
