import { describe, expect, it } from 'vitest';
import { artifactFileName, artifactId, artifactIndex, artifactSlug } from './artifact-name';

describe('artifactSlug', () => {
  it.each([
    ['../../etc/passwd', 'etc-passwd'],
    ['a/b', 'a-b'],
    ['a\\b\\..\\c', 'a-b-c'],
    ['heap\u0000.pb.gz', 'heap.pb.gz'],
    ['<script>alert(1)</script>', 'script-alert-1-script'],
    ['"><img src=x onerror=alert(1)>', 'img-src-x-onerror-alert-1'],
    ['..', 'artifact'],
    ['', 'artifact'],
    ['.hidden', 'hidden'],
    ['/var/log/app/gc.log.3', 'var-log-app-gc.log.3'],
    ['Grüße aus Köln.txt', 'Gru-e-aus-Koln.txt'],
    ['goroutine?debug=2', 'goroutine-debug-2'],
    ['a....b', 'a.b'],
    ['a.-.-b', 'a.b'],
  ])('%j becomes %j', (name, slug) => {
    expect(artifactSlug(name)).toBe(slug);
  });

  it('never yields a separator, a parent reference, a NUL or a leading dot, whatever it is given', () => {
    const hostile = ['../../../../', '/', '\u0000', '.\u0000.', 'a/../../b', '\r\n', 'CON', '😀'.repeat(50), `x${'/..'.repeat(100)}`];
    for (const name of hostile) {
      const slug = artifactSlug(name);
      expect(slug).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
      expect(slug.split('.')).not.toContain('');
    }
  });

  it('keeps a long name readable and its extension', () => {
    const slug = artifactSlug(`${'very-long-class-name-'.repeat(10)}.hprof`);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith('.hprof')).toBe(true);
  });
});

describe('artifact file names and ids', () => {
  it('prefix a counter, which the id shares', () => {
    expect(artifactFileName(7, 'heap?debug=1')).toBe('0007-heap-debug-1');
    expect(artifactId(7)).toBe('a0007');
    expect(artifactIndex('a0007')).toBe(7);
    expect(artifactIndex('0012-gc.log')).toBe(12);
    expect(artifactIndex('12345-x')).toBe(12345);
    expect(artifactIndex('gc.log')).toBeNull();
  });
});
