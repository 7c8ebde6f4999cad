/**
 * What each serve-mode end-to-end test sets up and tears down the same way:
 * its environment for the server to inherit, its fixtures (a leaking
 * program, a JVM, an sshd), the real `gclens serve` and the machine's
 * Chromium started together, a browser context for the test, and the
 * teardown of all of it and of the test's folder. A failing test leaves a
 * screenshot of the page as it was.
 */
import { rmSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../../helpers/chromium';
import { startServe, type ServeProcess } from '../../helpers/serve-process';
import { AppPage } from './app-page';

/** Something a test runs beside the app, and how to end it. */
export interface E2eFixture<T> {
  start: () => Promise<T>;
  stop: (value: T) => unknown;
}

export interface E2eHarnessOptions<F> {
  /** The test's own folder, removed after it. */
  dir: string;
  /** Set before anything starts, so each `gclens serve` inherits them (sessions, config); restored after. */
  env: Record<string, string>;
  /** Runs once env is set and before anything starts, e.g. to make a key an sshd must accept. */
  prepare?: () => Promise<void>;
  /** Started together with the server and Chromium; stopped after them, the last started first. */
  fixtures: { [K in keyof F]: E2eFixture<F[K]> };
}

export interface E2eHarness<F> {
  /** The running `gclens serve`: the one restartServe() started last. */
  readonly serve: ServeProcess;
  readonly browser: Browser;
  /** A started fixture's value. */
  fixture<K extends keyof F>(name: K): F[K];
  /** A page in a new 1280×900 browser context, closed after the tests. */
  newApp(): Promise<AppPage>;
  /** Stops the server and starts another, which reads the same environment. */
  restartServe(): Promise<ServeProcess>;
}

const BEFORE_ALL_TIMEOUT_MS = 240_000;
const VIEWPORT = { width: 1280, height: 900 };

/** Registers the describe block's beforeAll and afterAll, and gives what they started. */
export function e2eHarness<F>(options: E2eHarnessOptions<F>): E2eHarness<F> {
  const names = Object.keys(options.fixtures) as Array<keyof F>;
  const started = new Map<keyof F, unknown>();
  const envBefore = Object.keys(options.env).map((name) => [name, process.env[name]] as const);
  let serve: ServeProcess | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    Object.assign(process.env, options.env);
    await options.prepare?.();
    const fixtures = names.map((name) => options.fixtures[name].start());
    const outcomes = await Promise.allSettled<unknown>([...fixtures, startServe(), launchChromium()]);
    names.forEach((name, i) => {
      const outcome = outcomes[i]!;
      if (outcome.status === 'fulfilled') started.set(name, outcome.value);
    });
    const [serveOutcome, browserOutcome] = outcomes.slice(names.length);
    if (serveOutcome!.status === 'fulfilled') serve = serveOutcome!.value as ServeProcess;
    if (browserOutcome!.status === 'fulfilled') browser = browserOutcome!.value as Browser;
    for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
  }, BEFORE_ALL_TIMEOUT_MS);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await serve?.stop();
    for (const name of [...names].reverse()) {
      if (started.has(name)) await options.fixtures[name].stop(started.get(name) as F[typeof name]);
    }
    for (const [name, value] of envBefore) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(options.dir, { recursive: true, force: true });
  });

  const running = <T>(what: string, value: T | undefined): T => {
    if (value === undefined) throw new Error(`${what} is not running: the harness's beforeAll did not start it`);
    return value;
  };
  return {
    get serve() {
      return running('gclens serve', serve);
    },
    get browser() {
      return running('Chromium', browser);
    },
    fixture(name) {
      return running(`the fixture ${String(name)}`, started.get(name) as F[typeof name] | undefined);
    },
    async newApp() {
      const context = await running('Chromium', browser).newContext({ viewport: VIEWPORT });
      contexts.push(context);
      return new AppPage(await context.newPage());
    },
    async restartServe() {
      await serve?.stop();
      serve = await startServe();
      return serve;
    },
  };
}

/**
 * Runs a test's steps on `app`; if one throws, screenshots the page to
 * `path` before rethrowing. With `output` (the server's, say), the error
 * rethrown carries it after the message.
 */
export async function withFailureScreenshot(app: AppPage, path: string, steps: () => Promise<void>, output?: () => string): Promise<void> {
  try {
    await steps();
  } catch (err) {
    await app.screenshot(path).catch(() => undefined);
    if (output) throw new Error(`${(err as Error).message}\n${output()}`, { cause: err });
    throw err;
  }
}
