import { describe, expect, it } from 'vitest';
import { TextScanner } from './text-scanner';

describe('TextScanner', () => {
  it('reads decimals exactly as Number() does', () => {
    const s = new TextScanner();
    for (const text of ['0', '7', '0.072', '1.5', '0.004', '123456.789012', '3.14159265358979', '0.1234567890123456789', '99999999999999999']) {
      expect(s.reset(text).decimal()).toBe(Number(text));
      expect(s.pos).toBe(text.length);
    }
  });

  it('reads decimal commas only when asked', () => {
    const s = new TextScanner();
    expect(s.reset('1,234s').decimal(true)).toBe(1.234);
    expect(s.reset('1,234s').decimal()).toBe(1);
    expect(s.text.slice(s.pos)).toBe(',234s');
  });

  it('fails without moving', () => {
    const s = new TextScanner().reset('ab 12');
    expect(s.int()).toBeNaN();
    expect(s.decimal()).toBeNaN();
    expect(s.pos).toBe(0);
    expect(s.skip('ab ')).toBe(true);
    expect(s.int()).toBe(12);
    expect(s.skip('x')).toBe(false);
  });

  it('does not take a trailing dot as a fraction', () => {
    const s = new TextScanner().reset('12. next');
    expect(s.decimal()).toBe(12);
    expect(s.pos).toBe(2);
  });

  it('skips past a literal', () => {
    const s = new TextScanner().reset('a, b ms cpu, 4->4');
    expect(s.skipPast(' ms cpu, ')).toBe(true);
    expect(s.int()).toBe(4);
    expect(s.skipPast('zzz')).toBe(false);
  });
});
