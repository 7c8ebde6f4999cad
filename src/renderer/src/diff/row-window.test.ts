import { describe, expect, it } from 'vitest';
import { detailsHeight, rowAt, rowOffset, totalHeight, visibleWindow, type WindowInput } from './row-window';

const base: WindowInput = { rowCount: 100_000, rowHeight: 28, opened: [], scrollTop: 0, viewportHeight: 560, overscan: 8 };

describe('visibleWindow', () => {
  it('renders the rows in view and the overscan below them at the top', () => {
    // 560 / 28 = 20 rows in view, 0..19.
    expect(visibleWindow(base)).toEqual({ start: 0, end: 28, totalHeight: 2_800_000 });
  });

  it('renders a small slice of a 100k-row table in the middle', () => {
    const window = visibleWindow({ ...base, scrollTop: 28 * 50_000 + 10 });
    expect(window.start).toBe(50_000 - 8);
    // Row 50,000 is cut at the top, so 21 rows show: 50,000..50,020.
    expect(window.end).toBe(50_021 + 8);
    expect(window.end - window.start).toBeLessThan(60);
  });

  it('ends at the last row when scrolled to the bottom', () => {
    const window = visibleWindow({ ...base, scrollTop: 2_800_000 - 560 });
    expect(window.end).toBe(100_000);
    expect(window.start).toBe(100_000 - 20 - 8);
  });

  it('clamps a scroll position left over from a longer table', () => {
    const window = visibleWindow({ ...base, rowCount: 10, scrollTop: 50_000 });
    expect(window).toEqual({ start: 0, end: 10, totalHeight: 280 });
  });

  it('is empty for no rows', () => {
    expect(visibleWindow({ ...base, rowCount: 0 })).toEqual({ start: 0, end: 0, totalHeight: 0 });
  });

  it('counts an opened row as taller, so fewer rows fit', () => {
    const opened = [{ index: 2, extra: 280 }];
    const window = visibleWindow({ ...base, opened, overscan: 0 });
    // Rows 0..2 take 84 px, row 2's details 280 more: 364 px; 196 px left is 7 rows (3..9).
    expect(window).toEqual({ start: 0, end: 10, totalHeight: 2_800_280 });
  });
});

describe('rowOffset / rowAt', () => {
  const opened = [
    { index: 3, extra: 100 },
    { index: 10, extra: 50 },
  ];

  it('puts rows after an opened one lower by its details', () => {
    expect(rowOffset(3, 28, opened)).toBe(84);
    expect(rowOffset(4, 28, opened)).toBe(84 + 28 + 100);
    expect(rowOffset(11, 28, opened)).toBe(11 * 28 + 150);
  });

  it('finds the row under a point, details included', () => {
    expect(rowAt(0, 100, 28, opened)).toBe(0);
    expect(rowAt(83, 100, 28, opened)).toBe(2);
    expect(rowAt(84, 100, 28, opened)).toBe(3);
    // Inside row 3's details.
    expect(rowAt(84 + 28 + 99, 100, 28, opened)).toBe(3);
    expect(rowAt(84 + 28 + 100, 100, 28, opened)).toBe(4);
    expect(rowAt(rowOffset(11, 28, opened), 100, 28, opened)).toBe(11);
    expect(rowAt(1e9, 100, 28, opened)).toBe(99);
  });

  it('agrees with rowOffset for every row', () => {
    for (let i = 0; i < 40; i++) expect(rowAt(rowOffset(i, 28, opened), 40, 28, opened)).toBe(i);
  });

  it('ignores opened rows beyond the end when totalling', () => {
    expect(totalHeight(5, 28, [{ index: 7, extra: 100 }])).toBe(140);
  });
});

describe('detailsHeight', () => {
  it('gives each frame and the state a line', () => {
    expect(detailsHeight(1, true)).toBe(2 * 18 + 14);
    expect(detailsHeight(10, false)).toBe(10 * 18 + 14);
  });

  it('keeps a line for "no frames"', () => {
    expect(detailsHeight(0, true)).toBe(2 * 18 + 14);
  });

  it('stops growing at the line limit; deeper stacks scroll inside', () => {
    expect(detailsHeight(200, true)).toBe(16 * 18 + 14);
  });
});
