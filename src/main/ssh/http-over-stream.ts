/**
 * A minimal HTTP/1.1 GET over any byte stream: over SSH, a direct-tcpip
 * channel to the box's 127.0.0.1:port, so no port opens on this machine.
 * One request per stream (`Connection: close`); the body is framed by
 * Transfer-Encoding: chunked, Content-Length, or the end of the stream
 * (RFC 9112 section 6.3). Bodies are taken as sent (Accept-Encoding: identity).
 */
import type { Duplex } from 'node:stream';
import type { HttpResponse } from '../host/host';
import { GclensError } from '../../shared/result';

export interface StreamHttpRequest {
  /** The Host header's name and port: the target as the program sees it. */
  host: string;
  port: number;
  path: string;
  timeoutMs: number;
  maxBytes: number;
}

/** Printable ASCII without spaces: nothing that could end the request line or add a header. */
const REQUEST_TARGET = /^\/[\x21-\x7e]*$/;
const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_HEADER_BYTES = 64 * 1024;

export function checkRequestPath(path: string): void {
  if (!REQUEST_TARGET.test(path)) throw new GclensError('invalid-argument', `not an HTTP request path: ${JSON.stringify(path)}`);
}

/** Collects a response as it arrives; `done` once its body is complete. */
export class HttpResponseReader {
  done = false;
  status = 0;
  headers: Record<string, string> = {};
  private head = Buffer.alloc(0);
  private framing: 'none' | 'length' | 'chunked' | 'close' | null = null;
  private left = 0;
  private body: Buffer[] = [];
  private bodyBytes = 0;
  private pending = Buffer.alloc(0);
  private chunkState: 'size' | 'data' | 'data-end' | 'trailers' = 'size';

  constructor(
    private readonly maxBytes: number,
    private readonly where: string,
  ) {}

  push(chunk: Buffer): void {
    if (this.done) return;
    if (this.framing === null) {
      this.head = Buffer.concat([this.head, chunk]);
      const end = this.head.indexOf(HEADER_END);
      if (end < 0) {
        if (this.head.length > MAX_HEADER_BYTES) throw new GclensError('io', `GET ${this.where}: the response headers are larger than ${MAX_HEADER_BYTES} bytes`);
        return;
      }
      const rest = this.head.subarray(end + HEADER_END.length);
      this.parseHead(this.head.subarray(0, end).toString('latin1'));
      this.head = Buffer.alloc(0);
      // A 1xx answer (100 Continue) is followed by the real one.
      if (this.status >= 100 && this.status < 200) {
        this.framing = null;
        this.done = false;
        this.headers = {};
        if (rest.length > 0) this.push(rest);
        return;
      }
      if (rest.length > 0) this.feedBody(rest);
      return;
    }
    this.feedBody(chunk);
  }

  /** The stream ended: the response, or why it is incomplete. */
  end(): HttpResponse {
    if (!this.done && this.framing === 'close') this.done = true;
    if (!this.done) throw new GclensError('io', `GET ${this.where}: the connection closed before the response was complete`);
    return { status: this.status, headers: this.headers, body: Buffer.concat(this.body) };
  }

  private parseHead(text: string): void {
    const [statusLine, ...lines] = text.split('\r\n');
    const match = /^HTTP\/1\.[01] ([0-9]{3})(?: |$)/.exec(statusLine ?? '');
    if (!match) throw new GclensError('io', `GET ${this.where}: not an HTTP/1.x response (${JSON.stringify((statusLine ?? '').slice(0, 80))})`);
    this.status = Number(match[1]);
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      this.headers[name] = name in this.headers ? `${this.headers[name]}, ${value}` : value;
    }
    const encoding = this.headers['transfer-encoding']?.toLowerCase();
    const length = this.headers['content-length'];
    if (this.status === 204 || this.status === 304 || this.status < 200) this.framing = 'none';
    else if (encoding !== undefined && encoding.split(',').at(-1)!.trim() === 'chunked') this.framing = 'chunked';
    else if (length !== undefined) {
      if (!/^[0-9]+$/.test(length)) throw new GclensError('io', `GET ${this.where}: bad Content-Length ${JSON.stringify(length)}`);
      this.framing = 'length';
      this.left = Number(length);
    } else this.framing = 'close';
    if (this.framing === 'length' && this.left > this.maxBytes) this.tooLarge();
    if (this.framing === 'none' || (this.framing === 'length' && this.left === 0)) this.done = true;
  }

  private feedBody(chunk: Buffer): void {
    if (this.done) return;
    if (this.framing === 'chunked') return this.feedChunked(chunk);
    const take = this.framing === 'length' ? chunk.subarray(0, this.left) : chunk;
    this.keep(take);
    if (this.framing === 'length') {
      this.left -= take.length;
      if (this.left === 0) this.done = true;
    }
  }

  private feedChunked(chunk: Buffer): void {
    let data = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    while (!this.done) {
      if (this.chunkState === 'data') {
        const take = data.subarray(0, this.left);
        this.keep(take);
        this.left -= take.length;
        data = data.subarray(take.length);
        if (this.left > 0) return;
        this.chunkState = 'data-end';
        continue;
      }
      const newline = data.indexOf('\r\n');
      if (newline < 0) {
        if (data.length > MAX_HEADER_BYTES) throw new GclensError('io', `GET ${this.where}: a chunk header is too long`);
        this.pending = Buffer.from(data);
        return;
      }
      const line = data.subarray(0, newline).toString('latin1');
      data = data.subarray(newline + 2);
      if (this.chunkState === 'data-end') {
        if (line !== '') throw new GclensError('io', `GET ${this.where}: a chunk does not end with CRLF`);
        this.chunkState = 'size';
      } else if (this.chunkState === 'size') {
        const size = /^([0-9A-Fa-f]+)(;.*)?$/.exec(line.trim());
        if (!size) throw new GclensError('io', `GET ${this.where}: bad chunk size ${JSON.stringify(line.slice(0, 40))}`);
        this.left = parseInt(size[1]!, 16);
        this.chunkState = this.left === 0 ? 'trailers' : 'data';
      } else if (line === '') {
        this.done = true; // the empty line after the trailers
      }
    }
  }

  private keep(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.bodyBytes += bytes.length;
    if (this.bodyBytes > this.maxBytes) this.tooLarge();
    this.body.push(bytes);
  }

  private tooLarge(): never {
    throw new GclensError('io', `GET ${this.where}: the response is larger than ${this.maxBytes} bytes`);
  }
}

/** Sends GET `path` on `stream` and reads the answer; the stream is destroyed afterwards. */
export function httpGetOverStream(stream: Duplex, request: StreamHttpRequest): Promise<HttpResponse> {
  const hostHeader = `${request.host.includes(':') ? `[${request.host}]` : request.host}:${request.port}`;
  const where = `http://${hostHeader}${request.path}`;
  const reader = new HttpResponseReader(request.maxBytes, where);
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const settle = (err: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stream.destroy();
      if (err) reject(err);
      else resolve(reader.end());
    };
    const timer = setTimeout(() => settle(new GclensError('io', `GET ${where} timed out after ${request.timeoutMs} ms`)), request.timeoutMs);
    stream.on('data', (chunk: Buffer) => {
      try {
        reader.push(chunk);
        if (reader.done) settle(null);
      } catch (err) {
        settle(err as Error);
      }
    });
    const ended = () => {
      try {
        reader.end();
        settle(null);
      } catch (err) {
        settle(err as Error);
      }
    };
    stream.on('end', ended);
    stream.on('close', ended);
    stream.on('error', (err: Error) => settle(new GclensError('io', `GET ${where}: ${err.message}`)));
    // No half-close after the request: Go's server takes an early EOF for a client that went away.
    stream.write(`GET ${request.path} HTTP/1.1\r\nHost: ${hostHeader}\r\nUser-Agent: gclens\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n`);
  });
}
