/**
 * End-to-end harness: the real lab in web mode, driven through Debian's Chromium.
 *
 *   const lab = await startE2eLab();            // renderer built once, services on a temp DB + data dir, random port
 *   const ui = await openApp(lab, { width: 1280, height: 800 });
 *   await ui.nav('datasets'); await ui.shot('01-empty');
 *   …
 *   await ui.close(); await lab.close();
 *
 * The renderer is built with Vite (the same config as electron-vite's renderer target)
 * into test-artifacts/e2e/renderer-<pid>-<react build>, once per test process (removed when it exits). Screenshots go to
 * test-artifacts/e2e/. Console errors and page errors are collected per page, so a test
 * can assert there were none.
 *
 * Helpers for steps other tests add (templates, sparsity, space warping) are exported
 * here: `canvasInkFraction` tells whether a canvas shows something other than one flat
 * colour, `waitFor` polls a condition, `ui.nav` moves between views.
 */

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startLab, type Lab } from '../../src-main/api/lab';
import { startWebServer, type WebServer } from '../../src-main/web/server';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const artifactsDir = join(repoRoot, 'test-artifacts', 'e2e');

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Which React the renderer bundles. Vitest sets NODE_ENV=test, so a plain build gets React's
 * development build ('development': what these tests have always used). 'production' is what
 * ships (no dev checks, no per-render profiler logging: several times less main-thread work);
 * the load test measures that one.
 */
export type ReactBuild = 'development' | 'production';

const builds = new Map<ReactBuild, Promise<string>>();

/** Builds src-renderer once per process and React build (Vite, production mode); resolves to the output folder. */
export function buildRenderer(reactBuild: ReactBuild = 'development'): Promise<string> {
  let building = builds.get(reactBuild);
  if (building) return building;
  building = (async () => {
    const [{ build }, { default: react }] = await Promise.all([import('vite'), import('@vitejs/plugin-react')]);
    // per process: two e2e files running side by side must not delete each other's build
    const outDir = join(artifactsDir, `renderer-${process.pid}-${reactBuild}`);
    rmSync(outDir, { recursive: true, force: true });
    const nodeEnv = process.env.NODE_ENV;
    if (reactBuild === 'production') process.env.NODE_ENV = 'production';
    await build({
      configFile: false,
      root: join(repoRoot, 'src-renderer'),
      base: './',
      plugins: [react()],
      logLevel: 'warn',
      mode: 'production',
      build: {
        outDir,
        emptyOutDir: true,
        reportCompressedSize: false,
        rollupOptions: { input: { index: join(repoRoot, 'src-renderer', 'index.html') } },
      },
    }).finally(() => {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    });
    process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
    return outDir;
  })();
  builds.set(reactBuild, building);
  return building;
}

export interface E2eLab {
  lab: Lab;
  server: WebServer;
  /** the URL with the access token */
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

/** The real services (SQLite, training workers, imports) on a fresh temp folder, served in web mode. */
export async function startE2eLab(options: { maxConcurrentRuns?: number; reactBuild?: ReactBuild } = {}): Promise<E2eLab> {
  const staticDir = await buildRenderer(options.reactBuild);
  const dataDir = mkdtempSync(join(tmpdir(), 'neural-lab-e2e-'));
  const lab = await startLab({
    mode: 'web',
    appRoot: repoRoot,
    dbPath: join(dataDir, 'lab.db'),
    cacheDir: join(dataDir, 'cache'),
    maxConcurrentRuns: options.maxConcurrentRuns ?? 2,
  });
  const server = await startWebServer({ router: lab.router, staticDir, port: 0 });
  return {
    lab,
    server,
    url: server.url,
    dataDir,
    async close() {
      await server.close();
      await lab.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface AppPage {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** console.error messages and uncaught page errors, in order */
  errors: string[];
  /** Saves test-artifacts/e2e/<name>.png and returns its path. */
  shot(name: string): Promise<string>;
  /** Clicks the sidebar entry of a view and waits for its heading. */
  nav(view: string): Promise<void>;
  close(): Promise<void>;
}

let browserPromise: Promise<Browser> | null = null;

/** One Chromium per test process; pages get their own contexts. */
export function launchBrowser(): Promise<Browser> {
  browserPromise ??= chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  return browserPromise;
}

export async function closeBrowser(): Promise<void> {
  const pending = browserPromise;
  browserPromise = null;
  if (pending) await (await pending).close();
}

export async function openApp(lab: E2eLab, viewport = { width: 1280, height: 800 }, colorScheme: 'light' | 'dark' = 'light'): Promise<AppPage> {
  mkdirSync(artifactsDir, { recursive: true });
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport, colorScheme, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  await page.goto(lab.url);
  await page.locator('.app').waitFor();
  return {
    browser,
    context,
    page,
    errors,
    async shot(name) {
      const path = join(artifactsDir, `${name}.png`);
      // No hover effects or tooltips from the last click; pending renders land first.
      await page.mouse.move(2, viewport.height - 2);
      await page.evaluate(() => {
        const raf = (globalThis as unknown as { requestAnimationFrame(callback: () => void): void }).requestAnimationFrame;
        return new Promise<void>((done) => raf(() => raf(done)));
      });
      await page.screenshot({ path });
      return path;
    },
    async nav(view) {
      await page.locator(`[data-nav="${view}"]`).click();
      await page.locator(`[data-nav="${view}"][aria-current="page"]`).waitFor();
    },
    async close() {
      await context.close();
    },
  };
}

/** Polls `condition` until it returns a truthy value (returned) or `timeoutMs` passes (throws with `what`). */
export async function waitFor<T>(what: string, condition: () => Promise<T> | T, timeoutMs = 30_000, intervalMs = 200): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(last)})`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The part of a browser canvas read here (this file is type-checked without the DOM library). */
interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}

/**
 * How much of a canvas differs from its most common colour, 0–1: 0 for a blank or flat
 * canvas, more the more it draws. Reads the canvas's own pixels in the page.
 */
export async function canvasInkFraction(page: Page, selector: string): Promise<number> {
  return page.locator(selector).first().evaluate((node) => {
    const canvas = node as unknown as CanvasLike;
    const context = canvas.getContext('2d');
    if (!context || canvas.width === 0 || canvas.height === 0) return 0;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const counts = new Map<number, number>();
    for (let i = 0; i < data.length; i += 4) {
      const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const pixels = data.length / 4;
    return 1 - Math.max(...counts.values()) / pixels;
  });
}

/** Number of points a SeriesChart draws (its data-points attribute): grows while a run trains. */
export async function chartPoints(page: Page, testId: string): Promise<number> {
  const value = await page.locator(`[data-testid="${testId}"]`).first().getAttribute('data-points');
  return Number(value ?? 0);
}

/** Points of each line's SVG path in a chart, in legend order: shows every series is drawn. */
export async function chartLineLengths(page: Page, testId: string): Promise<number[]> {
  return page.locator(`[data-testid="${testId}"] path.recharts-line-curve`).evaluateAll((paths) =>
    paths.map((p) => ((p.getAttribute('d') ?? '').match(/[ML]/g) ?? []).length),
  );
}

/** A channel of the contract called directly on the lab (as the page would), for checks behind the UI. */
export async function invoke<T = unknown>(lab: E2eLab, channel: string, request: unknown = {}): Promise<T> {
  const result = await lab.lab.router.invoke(channel, request, { transport: 'web' });
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

/**
 * What the end-to-end flow (lab-flow.test.ts) hands to steps other modules add: a module
 * in test/e2e/steps/*.ts exporting `steps: FlowStep[]` runs them after the L1 vs L2 twins
 * have finished training, in file-name order, each as its own test.
 */
export interface FlowContext {
  lab: E2eLab;
  /** the page at 1280×800, light theme; where the previous step left it */
  ui: AppPage;
  /** the imported built-in sample */
  datasetId: number;
  /** the finished twins: same MLP, seed and split, L1 (proximal) and L2 */
  twins: { l1: number; l2: number };
}

export interface FlowStep {
  name: string;
  /** default 60 s */
  timeoutMs?: number;
  run(context: FlowContext): Promise<void>;
}

/** Imports the built-in sample through the Datasets view and waits for its report. */
export async function importSampleThroughUi(ui: AppPage): Promise<void> {
  await ui.nav('datasets');
  const page = ui.page;
  const emptyButton = page.locator('[data-testid="empty-use-sample"]');
  if (await emptyButton.isVisible()) await emptyButton.click();
  else await page.getByRole('button', { name: 'Built-in sample' }).first().click();
  await page.locator('[data-testid="start-import"]').click();
  await page.locator('[data-testid="class-counts"]').waitFor({ timeout: 60_000 });
}
