/**
 * A quick program's exit status over SSH is not lost. When the exec reply,
 * the output, exit-status and close reach ssh2 in one read, ssh2 emits
 * 'exit' before the code that asked for the channel runs again; gclens took
 * such a program for one cut off by a dropped link (seen first in the
 * JVM-over-SSH tests, as a tools probe "dropped" and a jcmd with no exit
 * code). A relay that hands the server's bytes over in bursts makes every
 * answer arrive that way.
 */
import { rmSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SshHost } from '../../src/main/ssh/ssh-host';
import { makeKey, sshEnvironment, startSshd, testDir, writeKnownHosts, type SshServer } from '../helpers/sshd';

const dir = testDir('gclens-ssh-exit-');
let server: SshServer;
let relay: Server;
let host: SshHost;
const sockets = new Set<Socket>();

/** Relays to sshd; what sshd sends is held and passed on every `everyMs` in one write. */
async function startBurstRelay(port: number, everyMs: number): Promise<Server> {
  const relayServer = createServer((client) => {
    const upstream = connect(port, '127.0.0.1');
    const held: Buffer[] = [];
    const timer = setInterval(() => held.length > 0 && client.write(Buffer.concat(held.splice(0))), everyMs);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        clearInterval(timer);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => held.push(chunk));
  });
  await new Promise<void>((resolve) => relayServer.listen(0, '127.0.0.1', resolve));
  return relayServer;
}

beforeAll(async () => {
  const key = await makeKey(dir, 'id_ed25519');
  server = await startSshd({ authorizedKeys: [key.publicKey] });
  relay = await startBurstRelay(server.port, 400);
  const port = (relay.address() as AddressInfo).port;
  const knownHostsFile = writeKnownHosts(join(dir, 'known_hosts'), [server.knownHostsLine().replace(`:${server.port}`, `:${port}`)]);
  host = await SshHost.connect(`root@127.0.0.1:${port}`, { environment: sshEnvironment(dir), overrides: { identityFiles: [key.path], knownHostsFile } });
});

afterAll(async () => {
  await host?.dispose();
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => relay?.close(resolve));
  await server?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

it('keeps the exit status of programs whose whole answer arrives in one read', async () => {
  const codes = [0, 1, 3, 0, 7];
  const results = [];
  for (const code of codes) results.push(await host.run(['sh', '-c', `echo out; exit ${code}`], { timeoutMs: 60_000 }));
  expect(results.map((r) => [r.code, r.signal, r.stdout.toString()])).toEqual(codes.map((code) => [code, null, 'out\n']));
});
