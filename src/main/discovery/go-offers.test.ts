import { describe, expect, it } from 'vitest';
import { gctraceLevel } from './go-offers';

describe('gctraceLevel', () => {
  it('reads gctrace from GODEBUG; a later setting wins', () => {
    expect(gctraceLevel('gctrace=1')).toBe(1);
    expect(gctraceLevel('madvdontneed=1,gctrace=2')).toBe(2);
    expect(gctraceLevel('gctrace=1,gctrace=0')).toBe(0);
    expect(gctraceLevel('gctracer=1')).toBe(0);
    expect(gctraceLevel(undefined)).toBe(0);
  });
});
