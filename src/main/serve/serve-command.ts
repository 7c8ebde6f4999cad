/**
 * `gclens serve [--port N] [--host H]`: the app in a browser, for machines
 * without a display or when Electron is not wanted. Prints one line on
 * stdout, `Serving gclens at http://HOST:PORT/?token=…`; everything else goes
 * to stderr.
 */
import { existsSync } from 'node:fs';
import { BlockList, isIPv6 } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIo } from '../cli/cli-io';
import { startServeServer, type RunningServer } from './serve-server';

export const SERVE_USAGE = 'Usage: gclens serve [--port N] [--host H]   (default port 7420, host 127.0.0.1; --port 0 picks a free port)';
export const DEFAULT_PORT = 7420;
export const DEFAULT_HOST = '127.0.0.1';
export const SERVE_LINE_PREFIX = 'Serving gclens at ';

export interface ServeIo extends CliIo {
  /** Default process.env; read for GCLENS_RENDERER_DIR. */
  env?: Record<string, string | undefined>;
  /** Called once a signal has closed the server. Default process.exit. */
  exit?: (code: number) => void;
  /** Hands over the running server (tests close it; closing also drops the signal handlers). */
  onStarted?: (server: RunningServer) => void;
}

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

export function isLoopbackHost(host: string): boolean {
  const bare = host.toLowerCase();
  if (bare === 'localhost') return true;
  // BlockList also matches IPv4-mapped IPv6 (::ffff:127.0.0.1) against the IPv4 subnet.
  try {
    return loopback.check(bare, isIPv6(bare) ? 'ipv6' : 'ipv4');
  } catch {
    return false; // a host name, not an address
  }
}

/** The built renderer sits beside the bundled CLI: out/main/cli.js → out/renderer. */
function rendererDirFrom(env: Record<string, string | undefined>): string {
  return env.GCLENS_RENDERER_DIR || join(dirname(fileURLToPath(import.meta.url)), '../renderer');
}

type Parsed = { port: number; host: string } | { help: true } | { error: string };

function parseServeArgs(argv: string[]): Parsed {
  let values: { port?: string; host?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      options: { port: { type: 'string' }, host: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (err) {
    return { error: (err as Error).message };
  }
  if (values.help) return { help: true };
  const portText = values.port ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port > 65535) return { error: `--port must be an integer from 0 to 65535, not "${portText}"` };
  // Accept [::1] as people write it in URLs; listen() wants the bare address.
  const host = (values.host ?? DEFAULT_HOST).replace(/^\[(.*)\]$/, '$1');
  if (host.length === 0) return { error: '--host must not be empty' };
  return { port, host };
}

function listenError(err: unknown, host: string, port: number): string {
  const code = (err as { code?: unknown }).code;
  if (code === 'EADDRINUSE') {
    return `port ${port} on ${host} is already in use (another gclens serve?); pass --port N for another port, or --port 0 for any free one`;
  }
  if (code === 'EACCES') return `not allowed to listen on ${host}:${port}; pick a port above 1023`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return `cannot listen on ${host}: not an address of this machine`;
  return `cannot listen on ${host}:${port}: ${err instanceof Error ? err.message : String(err)}`;
}

/** Resolves to an exit code, or to 'running' while the server keeps the process alive. */
export async function runServe(argv: string[], io: ServeIo): Promise<number | 'running'> {
  const parsed = parseServeArgs(argv);
  if ('help' in parsed) {
    io.stdout.write(`${SERVE_USAGE}\n`);
    return EXIT_OK;
  }
  if ('error' in parsed) {
    io.stderr.write(`gclens serve: ${parsed.error}\n${SERVE_USAGE}\n`);
    return EXIT_USAGE;
  }
  const { port, host } = parsed;

  if (!isLoopbackHost(host)) {
    io.stderr.write(
      `WARNING: gclens serve is listening on ${host}, so it is reachable from other machines.\n` +
        'WARNING: the token in the URL is the only protection, and it travels over plain, unencrypted HTTP.\n' +
        'WARNING: anyone holding the URL can make gclens read files on this machine. Prefer the default 127.0.0.1 and an SSH tunnel.\n',
    );
  }

  const rendererDir = rendererDirFrom(io.env ?? process.env);
  let server: RunningServer;
  try {
    server = await startServeServer({ host, port, rendererDir });
  } catch (err) {
    io.stderr.write(`gclens serve: ${listenError(err, host, port)}\n`);
    return EXIT_FAILURE;
  }

  if (!existsSync(join(rendererDir, 'index.html'))) {
    io.stderr.write(`gclens serve: no built renderer in ${rendererDir}; run \`npm run build\` first (pages will answer 500 until then)\n`);
  }

  const exit = io.exit ?? ((code: number) => process.exit(code));
  const onSignal = (): void => {
    void stop().then(
      () => exit(EXIT_OK),
      () => exit(EXIT_FAILURE),
    );
  };
  const stop = (): Promise<void> => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    return server.close();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  io.stdout.write(`${SERVE_LINE_PREFIX}${server.url}\n`);
  io.stderr.write('Press Ctrl+C to stop.\n');
  io.onStarted?.({ ...server, close: stop });
  return 'running';
}
