import { describe, expect, it } from 'vitest';
import { GclensError } from '../../../shared/result';
import { parseUploadResponse } from './upload';

function errorOf(fn: () => unknown): GclensError {
  try {
    fn();
  } catch (err) {
    if (err instanceof GclensError) return err;
    throw err;
  }
  throw new Error('expected a GclensError');
}

describe('parseUploadResponse', () => {
  it('returns the upload id of a successful upload', () => {
    expect(parseUploadResponse(200, '{"uploadId":"abc123XYZ","bytes":10}', 'gc.log')).toBe('abc123XYZ');
  });

  it('names the file when the answer has no id', () => {
    expect(errorOf(() => parseUploadResponse(200, '{}', 'gc.log')).message).toMatch(/gc\.log/);
  });

  it("keeps the server's message from a Result envelope", () => {
    const body = JSON.stringify({ ok: false, error: { kind: 'invalid-argument', message: 'file too large' } });
    const err = errorOf(() => parseUploadResponse(413, body, 'big.log'));
    expect(err.message).toBe('upload of big.log failed: file too large');
    expect(err.kind).toBe('invalid-argument');
  });

  it('falls back to the plain text or the status', () => {
    expect(errorOf(() => parseUploadResponse(401, 'unauthorized\n', 'a')).message).toBe('upload of a failed: unauthorized');
    expect(errorOf(() => parseUploadResponse(500, '', 'a')).message).toBe('upload of a failed: HTTP 500');
  });
});
