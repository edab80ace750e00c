// Debian's Chromium driven by playwright-core; never a downloaded browser.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CLIENT_DIST } from '../../server/src/app';
import type { RunningServer } from '../../server/src/server';
import { loadSeedFiles } from '../../server/src/exchange/loader/load';
import { defaultSeedFiles } from '../../seed/paths';
import { reseed } from './db';
import { startTestServer } from './server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT_DIR = path.resolve('test-results/screenshots');

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page that records console errors and page errors, for assertions. */
export async function openPage(
  browser: Browser,
  url: string,
  viewport = { width: 1280, height: 800 },
) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
  return { page, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** The page's test hook: the canvas's Cytoscape instance (see client/src/canvas.ts). */
const CY = 'window.attributionGraph.canvas.cyForTests';

/**
 * Evaluates `expression` in the page with `cy` bound to the canvas's Cytoscape instance. A
 * string, not a function: the test runner's helpers do not exist inside the page.
 */
export function readCanvas<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate<T>(`((cy) => ${expression})(${CY})`);
}

/** Node ids on the canvas. */
export function canvasNodeIds(page: Page): Promise<string[]> {
  return readCanvas(page, `cy.nodes().map((n) => n.id())`);
}

/** Visible (not filtered or hidden) node ids. */
export function visibleNodeIds(page: Page): Promise<string[]> {
  return readCanvas(page, `cy.nodes(':visible').map((n) => n.id())`);
}

/** Types of the visible edges. */
export function visibleEdgeTypes(page: Page): Promise<string[]> {
  return readCanvas(page, `cy.edges(':visible').map((e) => e.data('type'))`);
}

/** Where an element is drawn, in page coordinates (node centre or edge midpoint). */
export async function pagePosition(page: Page, id: string): Promise<{ x: number; y: number }> {
  const box = await page.locator('#cy').boundingBox();
  const p = await readCanvas<{ x: number; y: number }>(
    page,
    `((el) => (el.isNode() ? el.renderedPosition() : el.renderedMidpoint()))(cy.getElementById(${JSON.stringify(id)}))`,
  );
  return { x: (box?.x ?? 0) + p.x, y: (box?.y ?? 0) + p.y };
}

/** Waits until the canvas holds the node. */
export async function waitForNode(page: Page, id: string): Promise<void> {
  // A function, not a string like readCanvas: the page's content security policy forbids
  // evaluating strings in waitForFunction. It names the same hook as CY.
  await page.waitForFunction(
    (nodeId) =>
      (
        window as unknown as {
          attributionGraph: {
            canvas: {
              cyForTests: { getElementById: (i: string) => { nonempty: () => boolean } };
            };
          };
        }
      ).attributionGraph.canvas.cyForTests
        .getElementById(nodeId)
        .nonempty(),
    id,
    { timeout: 10_000 },
  );
}

/** The app (real server, real Neo4j) and Chromium for an end-to-end test file. */
export async function startE2e(): Promise<{ server: RunningServer; browser: Browser }> {
  if (!fs.existsSync(CLIENT_DIST))
    throw new Error('client/dist is missing: run "npm run build" first');
  const server = await startTestServer();
  return { server, browser: await launchBrowser() };
}

/**
 * startE2e with a fixture loaded beside the seed (the graph is reset first); stop it with
 * stopE2eReseeded, which leaves the seed alone for the next file.
 */
export async function startE2eWithFixture(
  fixture: string,
): Promise<{ server: RunningServer; browser: Browser }> {
  const started = await startE2e();
  await loadSeedFiles(started.server.db, [...defaultSeedFiles(), fixture], { reset: true });
  return started;
}

export async function stopE2eReseeded(
  server: RunningServer | undefined,
  browser: Browser | undefined,
): Promise<void> {
  if (server) await reseed(server.db);
  await stopE2e(server, browser);
}

export async function stopE2e(
  server: RunningServer | undefined,
  browser: Browser | undefined,
): Promise<void> {
  await browser?.close();
  await server?.stop();
}
