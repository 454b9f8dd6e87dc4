import { describe, expect, it } from 'vitest';
import { declutter, type LabelBox } from './declutter.ts';

const box = (x: number, y: number, priority = 0, w = 100, h = 20): LabelBox => ({ x, y, w, h, priority });

describe('declutter', () => {
  it('shows labels that do not touch; of two that overlap, the more important', () => {
    // a and b overlap (centres 50 px apart, 100 px wide); c is clear of both
    expect(declutter([box(100, 100, 1), box(150, 105, 5), box(400, 100, 0)], 800, 600)).toEqual([false, true, true]);
    // equal importance: the first given wins
    expect(declutter([box(100, 100), box(150, 105)], 800, 600)).toEqual([true, false]);
  });

  it('keeps the gap: boxes 1 px apart are an overlap with a 2 px gap, not without', () => {
    const [a, b] = [box(100, 100), box(201, 100)]; // right edge 150, left edge 151
    expect(declutter([a, b], 800, 600)).toEqual([true, false]);
    expect(declutter([a, b], 800, 600, 0)).toEqual([true, true]);
  });

  it('a hidden label takes no room: a chain a–b–c where only b overlaps both', () => {
    // a (priority 3) hides b; c, which only b overlapped, is shown
    expect(declutter([box(100, 100, 3), box(180, 100, 2), box(260, 100, 1)], 800, 600)).toEqual([true, false, true]);
  });

  it('labels off the view are not shown and hide nothing', () => {
    expect(declutter([box(-200, 100, 9), box(20, 100, 0)], 800, 600)).toEqual([false, true]);
    expect(declutter([box(400, 700, 9)], 800, 600)).toEqual([false]);
  });

  it('a label partly in view is placed (the view clips it)', () => {
    expect(declutter([box(10, 10)], 800, 600)).toEqual([true]);
  });
});
