import { describe, expect, it } from 'vitest';
import { formatDestination, parseDestination } from './destination';

describe('parseDestination', () => {
  it('reads user@host:port, bare hosts and aliases', () => {
    expect(parseDestination('root@db-1.example.org:2222')).toEqual({ user: 'root', host: 'db-1.example.org', port: 2222 });
    expect(parseDestination('prod-api')).toEqual({ user: null, host: 'prod-api', port: null });
    expect(parseDestination('deploy@10.0.0.7')).toEqual({ user: 'deploy', host: '10.0.0.7', port: null });
    expect(parseDestination('ssh://app@box:22')).toEqual({ user: 'app', host: 'box', port: 22 });
  });

  it('reads IPv6 in brackets (with a port) and bare (without one)', () => {
    expect(parseDestination('root@[::1]:2200')).toEqual({ user: 'root', host: '::1', port: 2200 });
    expect(parseDestination('[fe80::1%eth0]')).toEqual({ user: null, host: 'fe80::1%eth0', port: null });
    expect(parseDestination('::1')).toEqual({ user: null, host: '::1', port: null });
  });

  it('splits at the last @, for directory accounts', () => {
    expect(parseDestination('jane@corp.example@box')).toEqual({ user: 'jane@corp.example', host: 'box', port: null });
  });

  it('refuses anything a shell or an option parser could act on', () => {
    for (const bad of ['', 'host;id', 'root@$(id)', '`id`@box', 'box:0', 'box:65536', 'box:22x', '-oProxyCommand=x', 'a b', 'box\n', "o'brien@box", '[::1', 'root@']) {
      expect(() => parseDestination(bad), bad).toThrow(/not an SSH destination/);
    }
  });

  it('formats user@host:port for people', () => {
    expect(formatDestination('root', '::1', 22)).toBe('root@[::1]:22');
    expect(formatDestination('app', 'box', 2222)).toBe('app@box:2222');
  });
});
