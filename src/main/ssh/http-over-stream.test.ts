import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRequestPath, HttpResponseReader, httpGetOverStream } from './http-over-stream';

/** Feeds the response in pieces of `size` bytes, as a network would split it. */
function read(raw: string, size: number, maxBytes = 1 << 20) {
  const reader = new HttpResponseReader(maxBytes, 'http://127.0.0.1:1/x');
  const bytes = Buffer.from(raw, 'latin1');
  for (let i = 0; i < bytes.length && !reader.done; i += size) reader.push(bytes.subarray(i, i + size));
  return reader;
}

describe('HttpResponseReader', () => {
  const chunked = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\nx-a: 2\r\n\r\n5;ext=1\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nTrailer: t\r\n\r\n';

  it('decodes a chunked body however the bytes are split', () => {
    for (const size of [1, 2, 3, 7, 1000]) {
      const reader = read(chunked, size);
      expect(reader.done).toBe(true);
      expect(reader.end()).toEqual({ status: 200, headers: { 'transfer-encoding': 'chunked', 'x-a': '1, 2' }, body: Buffer.from('hello 0123456789') });
    }
  });

  it('reads exactly Content-Length bytes, or to the end of the stream without one', () => {
    expect(read('HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\nabcdef', 4).end().body.toString()).toBe('abc');
    const untilClose = read('HTTP/1.0 200 OK\r\n\r\nall of it', 5);
    expect(untilClose.done).toBe(false);
    expect(untilClose.end().body.toString()).toBe('all of it');
    expect(read('HTTP/1.1 204 No Content\r\n\r\n', 100).end()).toMatchObject({ status: 204, body: Buffer.alloc(0) });
  });

  it('skips a 100 Continue before the answer', () => {
    expect(read('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok', 3).end()).toMatchObject({ status: 200, body: Buffer.from('ok') });
  });

  it('says what is wrong: not HTTP, cut short, too large', () => {
    expect(() => read('SSH-2.0-OpenSSH_9.2\r\n\r\n', 100)).toThrow(/not an HTTP\/1.x response/);
    expect(() => read('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc', 100).end()).toThrow(/closed before the response was complete/);
    expect(() => read(chunked, 1, 5)).toThrow(/larger than 5 bytes/);
    expect(() => read('HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n', 100, 5)).toThrow(/larger than 5 bytes/);
  });

  it('refuses request paths that could add to the request', () => {
    expect(() => checkRequestPath('/debug/pprof/heap?gc=1')).not.toThrow();
    for (const bad of ['debug', '/a b', '/a\r\nX: y', '/\u00e9']) expect(() => checkRequestPath(bad)).toThrow(/not an HTTP request path/);
  });
});

describe('httpGetOverStream', () => {
  let server: Server;
  let port: number;
  let lastRequest = '';

  beforeAll(async () => {
    server = createServer((socket) => {
      socket.once('data', (request) => {
        lastRequest = request.toString('latin1');
        if (lastRequest.startsWith('GET /slow ')) return; // never answers
        socket.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends one GET with Host and Connection: close, and reads the answer', async () => {
    const response = await httpGetOverStream(connect(port, '127.0.0.1'), { host: '127.0.0.1', port, path: '/debug/vars', timeoutMs: 5000, maxBytes: 100 });
    expect(response.body.toString()).toBe('hi');
    expect(lastRequest).toBe(`GET /debug/vars HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUser-Agent: gclens\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n`);
  });

  it('gives up after its time limit', async () => {
    await expect(httpGetOverStream(connect(port, '127.0.0.1'), { host: '127.0.0.1', port, path: '/slow', timeoutMs: 200, maxBytes: 100 })).rejects.toThrow(/timed out after 200 ms/);
  });
});
