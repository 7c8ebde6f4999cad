/**
 * Runs `gclens serve --port 0` as a real child process, the way a user starts
 * it, and reads the URL (with its per-start token) from the line it prints.
 * Needs a prior `npm run build`; `npm test` builds before vitest runs.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '../..');
const CLI_LAUNCHER = join(REPO_ROOT, 'bin/gclens.js');
const BUILT_CLI = join(REPO_ROOT, 'out/main/cli.js');
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

export interface ServeProcess {
  /** The URL as printed, token included: `http://127.0.0.1:N/?token=…`. */
  url: string;
  /** `http://127.0.0.1:N`, for requests that must go without the token. */
  origin: string;
  token: string;
  port: number;
  /** Everything the server wrote so far, for failure messages. */
  output(): string;
  /** Ends the server and waits for it to exit. */
  stop(): Promise<void>;
  /** Sends a signal (SIGKILL: a crash, no clean-up) and waits for the server to exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

export interface StartServeOptions {
  /** More arguments after `serve --port 0`. */
  args?: string[];
}

export async function startServe(options: StartServeOptions = {}): Promise<ServeProcess> {
  if (!existsSync(BUILT_CLI)) {
    throw new Error(`${BUILT_CLI} is missing: run \`npm run build\` first (\`npm test\` builds before running the tests).`);
  }
  const child = spawn(process.execPath, [CLI_LAUNCHER, 'serve', '--port', '0', ...(options.args ?? [])], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  const output = (): string => `stdout:\n${stdout}\nstderr:\n${stderr}`;

  const exited = new Promise<void>((resolvePromise) => child.once('exit', () => resolvePromise()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  let url: string;
  try {
    url = await new Promise<string>((resolvePromise, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`gclens serve printed no URL within ${START_TIMEOUT_MS} ms\n${output()}`)),
        START_TIMEOUT_MS,
      );
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        const found = /http:\/\/\S+/.exec(stdout);
        if (found) {
          clearTimeout(timer);
          resolvePromise(found[0]);
        }
      });
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`gclens serve exited (${signal ?? code}) before printing its URL\n${output()}`));
      });
    });
  } catch (err) {
    await stop();
    throw err;
  }

  const parsed = new URL(url);
  const token = parsed.searchParams.get('token');
  if (!token) {
    await stop();
    throw new Error(`gclens serve printed a URL without a token: ${url}`);
  }
  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await exited;
  };
  return { url, origin: parsed.origin, token, port: Number(parsed.port), output, stop, kill };
}
