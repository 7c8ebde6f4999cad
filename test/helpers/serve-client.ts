/**
 * A Node client of serve mode's WebSocket (src/shared/wire.ts): invoke a
 * channel and get its Result, collect events. For tests that drive a real
 * `gclens serve` child process through the API, without a browser.
 */
import { WebSocket } from 'ws';
import type { Result } from '../../src/shared/result';
import type { WireMessage } from '../../src/shared/wire';
import type { ServeProcess } from './serve-process';

export class ServeClient {
  readonly events: Array<Extract<WireMessage, { kind: 'event' }>> = [];
  private readonly waiting = new Map<number, { resolve: (result: Result<unknown>) => void; reject: (err: Error) => void }>();
  private nextId = 1;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as WireMessage;
      if (message.kind === 'event') this.events.push(message);
      else this.waiting.get(message.id)?.resolve(message.result);
    });
    ws.on('close', () => {
      for (const { reject } of this.waiting.values()) reject(new Error('the connection to gclens serve closed'));
    });
  }

  static connect(serve: ServeProcess): Promise<ServeClient> {
    const ws = new WebSocket(`ws://127.0.0.1:${serve.port}/ws?token=${encodeURIComponent(serve.token)}`);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new ServeClient(ws)));
      ws.once('error', reject);
    });
  }

  /** The channel's value; throws with the error's kind and message when it fails. */
  async call<T>(channel: string, request?: unknown): Promise<T> {
    const id = this.nextId++;
    const result = await new Promise<Result<unknown>>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ id, channel, request }));
    });
    this.waiting.delete(id);
    if (!result.ok) throw new Error(`${channel}: ${result.error.kind}: ${result.error.message}`);
    return result.value as T;
  }

  close(): void {
    this.ws.terminate();
  }
}
