/**
 * The envelope every invoke answer travels in, over Electron IPC and the
 * serve-mode WebSocket alike, so an error keeps its kind and message.
 */
export type ErrorKind =
  | 'invalid-argument' // the request failed schema validation
  | 'not-found' // a file, upload or channel that does not exist
  | 'unsupported-format' // the input is readable but not a format we parse
  | 'io' // the operating system refused a read or write
  | 'cancelled'
  | 'internal';

export interface ErrorInfo {
  kind: ErrorKind;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(kind: ErrorKind, message: string): Result<T> {
  return { ok: false, error: { kind, message } };
}

/** An error that carries its kind from deep in the backend to the envelope. */
export class GclensError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'GclensError';
  }
}

export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof GclensError) return { kind: err.kind, message: err.message };
  const code = (err as { code?: unknown } | undefined)?.code;
  if (code === 'ENOENT') return { kind: 'not-found', message: (err as Error).message };
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return { kind: 'io', message: (err as Error).message };
  return { kind: 'internal', message: err instanceof Error ? err.message : String(err) };
}
