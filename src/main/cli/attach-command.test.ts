import { describe, expect, it } from 'vitest';
import { UsageError } from './cli-io';
import { parseDuration } from './attach-command';

describe('parseDuration', () => {
  it('reads milliseconds, seconds, minutes and hours, seconds when bare', () => {
    expect(parseDuration('500ms', '--duration')).toBe(500);
    expect(parseDuration('30s', '--duration')).toBe(30_000);
    expect(parseDuration('1.5m', '--duration')).toBe(90_000);
    expect(parseDuration('2h', '--duration')).toBe(7_200_000);
    expect(parseDuration('10', '--duration')).toBe(10_000);
  });

  it('refuses anything else as a usage error naming the flag', () => {
    for (const bad of ['', 's', '-5s', '5 days', '0s']) {
      expect(() => parseDuration(bad, '--snapshot-every')).toThrow(UsageError);
    }
    expect(() => parseDuration('soon', '--snapshot-every')).toThrow(/--snapshot-every/);
  });
});
