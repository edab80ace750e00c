// A canvas that stays readable on real-shaped data, and works by touch (issue 13): a hub's
// leaves folded into one countable node, Group that keeps labels, Merge on a star, the node
// menu by long press, paths chosen by tap, and the inspector as a sheet on a phone. Real
// Chromium against the real server, on tests/fixtures/explorer/real-shape.yaml.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../server/src/server';
import {
  openPage,
  pagePosition,
  screenshot,
  startE2e,
  stopE2e,
  waitForNode,
} from '../support/browser';
import { connectTestDb } from '../support/db';
import { HUB, loadRealShape, unloadRealShape } from '../support/real-shape';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  // Loaded before the app starts, so that the legend it serves counts the fixture.
  const db = connectTestDb();
  try {
    await loadRealShape(db);
  } finally {
    await db.close();
  }
  ({ server, browser } = await startE2e());
});
afterAll(async () => {
  if (server) await unloadRealShape(server.db);
  await stopE2e(server, browser);
});

const DESKTOP = { width: 1440, height: 900 };

interface FoldSeen {
  id: string;
  hub: string;
  type: string;
  label: string;
  leaves: string[];
}
const folds = (page: Page) =>
  page.evaluate(() => (window as any).attributionGraph.canvas.folds() as FoldSeen[]);
/** Ids of the nodes drawn (not filtered, hidden or folded), sorted. */
const drawnIds = (page: Page) =>
  page.evaluate(() =>
    (window as any).attributionGraph.canvas.cyForTests
      .nodes(':visible')
      .map((n: any) => n.id())
      .sort(),
  );

/** Opens the hub's first 100 neighbours through the search, as a user would. */
async function openHub(page: Page): Promise<void> {
  await page.locator('#search').fill('Fx Spearphishing');
  await page.locator('#suggestions li.active', { hasText: 'Fx Spearphishing' }).waitFor();
  await page.keyboard.press('Enter');
  await waitForNode(page, HUB);
  await page.locator('#truncated #show-next').waitFor();
}

describe('folding a hub’s leaves', () => {
  it('folds the hub’s 100 actors into one countable node, unfolds it on a click, exports what it stands for', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/?ids=actor:fx-lotus`, DESKTOP);
    await openHub(page);
    expect((await drawnIds(page)).length).toBe(101);

    await page.locator('#fold').click();
    await page.waitForURL(/fold=1/);
    expect(await page.locator('#fold').getAttribute('aria-pressed')).toBe('true');
    const [fold, ...others] = await folds(page);
    expect(others).toEqual([]);
    expect(fold).toMatchObject({ hub: HUB, type: 'USES', label: 'Actor' });
    // Every one of the hub's actors on the canvas has no other neighbour there: all fold.
    expect(fold!.leaves.length).toBe(100);
    expect(await drawnIds(page)).toEqual([fold!.id, HUB].sort());
    const caption = await page.evaluate(
      (id) => (window as any).attributionGraph.canvas.cyForTests.getElementById(id).data('caption'),
      fold!.id,
    );
    expect(caption).toBe('100 Actors');
    await page.waitForTimeout(600);
    await screenshot(page, 'canvas-fixes-fold-desktop');

    // Export: the fold stands for its 100 actors and their 100 USES relationships.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#export-json').click(),
    ]);
    const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8')) as {
      nodes: { id: string }[];
      relationships: { id: string; type: string }[];
    };
    expect(exported.nodes.map((n) => n.id).sort()).toEqual([...fold!.leaves, HUB].sort());
    expect(exported.relationships.map((r) => r.type)).toEqual(Array(100).fill('USES'));

    // A click on the fold: the actors come back around it.
    const at = await pagePosition(page, fold!.id);
    await page.mouse.click(at.x, at.y);
    await page.waitForFunction(() => (window as any).attributionGraph.canvas.folds().length === 0);
    expect((await drawnIds(page)).length).toBe(101);
    // A hundred edges again: their labels wait for the pointer.
    expect(
      await page.evaluate(
        () => (window as any).attributionGraph.canvas.cyForTests.edges('.quiet:visible').length,
      ),
    ).toBe(100);
    // The inspector did not take the fold for a node: it still shows the hub.
    expect(await page.locator('#inspector h2').textContent()).toBe('Fx Spearphishing Attachment');
    await page.waitForTimeout(500);
    await screenshot(page, 'canvas-fixes-unfolded-desktop');

    // The node menu folds them again.
    const hubAt = await pagePosition(page, HUB);
    await page.mouse.click(hubAt.x, hubAt.y, { button: 'right' });
    await page.locator('#menu button', { hasText: 'Fold leaves' }).click();
    expect((await folds(page)).map((f) => f.leaves.length)).toEqual([100]);
    // A link keeps the mode: the view opens folded.
    const reopened = await openPage(browser, page.url(), DESKTOP);
    await waitForNode(reopened.page, HUB);
    expect((await folds(reopened.page)).map((f) => f.leaves.length)).toEqual([100]);
    expect(errors).toEqual([]);
    expect(reopened.errors).toEqual([]);
  });

  it('takes a fold away with the filters that hide its kind, and brings it back with them', async () => {
    const { page, errors } = await openPage(
      browser,
      `${server.url}/?ids=actor:fx-lotus&fold=1`,
      DESKTOP,
    );
    await openHub(page);
    await page.waitForFunction(() => (window as any).attributionGraph.canvas.folds().length === 1);
    await page.locator('#legend-labels input[data-label="Actor"]').uncheck();
    expect(await folds(page)).toEqual([]);
    expect(await drawnIds(page)).toEqual([HUB]);
    await page.locator('#reset-filters').click();
    expect((await folds(page)).map((f) => f.leaves.length)).toEqual([100]);
    expect(errors).toEqual([]);
  });

  it('says why Merge does nothing on a star, and points to Fold', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/?ids=actor:fx-lotus`, DESKTOP);
    await openHub(page);
    await page.locator('#merge').click();
    await expect
      .poll(() => page.locator('#status').textContent())
      .toMatch(/^Nothing to merge: .* no two here are parallel\. .*use Fold\.$/);
    expect(await page.locator('#merge').getAttribute('aria-pressed')).toBe('true');
    await screenshot(page, 'canvas-fixes-merge-star');
    expect(errors).toEqual([]);
  });
});

describe('Group', () => {
  it('keeps the node labels drawn in the group boxes', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/?ids=actor:fx-lotus`, DESKTOP);
    await openHub(page);
    await page.locator('#group').click();
    await page.waitForURL(/group=1/);
    await page.waitForTimeout(1500);
    await screenshot(page, 'canvas-fixes-group-desktop');
    const seen = await page.evaluate(() => {
      const cy = (window as any).attributionGraph.canvas.cyForTests;
      /** A label Cytoscape draws: not empty, and not below its smallest drawn size on screen. */
      const drawn = (n: any) =>
        n.style('label') !== '' &&
        parseFloat(n.renderedStyle('font-size')) >= 10 &&
        parseFloat(n.renderedStyle('font-size')) >= parseFloat(n.style('min-zoomed-font-size'));
      return {
        zoom: cy.zoom(),
        boxes: cy.nodes('[groupOf]').map((n: any) => [n.data('caption'), drawn(n)]),
        kindsNamed: [
          ...new Set(
            cy
              .nodes()
              .filter((n: any) => !n.data('groupOf') && drawn(n))
              .map((n: any) => n.data('label')),
          ),
        ].sort(),
      };
    });
    // Zoomed out to fit a hundred actors...
    expect(seen.zoom).toBeLessThan(0.8);
    // ...yet each box says what it holds, and each kind names some of its nodes.
    expect(seen.boxes.sort()).toEqual([
      ['Actors', true],
      ['Techniques', true],
    ]);
    expect(seen.kindsNamed).toEqual(['Actor', 'Technique']);
    expect(errors).toEqual([]);
  });
});

const PHONE = { width: 390, height: 844 };

/** A phone: a touch screen, 390×844, recording errors as openPage does. */
async function openPhone(url: string) {
  const context = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
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

/** A finger held on a node: touch start, a second, touch end (Chromium's own touch input). */
async function longPress(page: Page, id: string): Promise<void> {
  const at = await pagePosition(page, id);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', {
    type: 'touchStart',
    touchPoints: [{ x: at.x, y: at.y }],
  });
  await page.waitForTimeout(1000);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

async function tapNode(page: Page, id: string): Promise<void> {
  const at = await pagePosition(page, id);
  await page.touchscreen.tap(at.x, at.y);
}

/** Waits until the layout has settled: no node moved in the last quarter second. */
async function settle(page: Page): Promise<void> {
  const positions = () =>
    page.evaluate(() =>
      JSON.stringify(
        (window as any).attributionGraph.canvas.cyForTests
          .nodes()
          .map((n: any) => n.renderedPosition()),
      ),
    );
  let before = await positions();
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(250);
    const now = await positions();
    if (now === before) return;
    before = now;
  }
}

describe('on a touch screen', () => {
  it('opens the node menu with a long press, inside the screen', async () => {
    const { page, errors } = await openPhone(`${server.url}/?ids=actor:fx-cedar,state:fx-borduria`);
    await settle(page);
    await longPress(page, 'actor:fx-cedar');
    const menu = page.locator('#menu');
    await menu.waitFor();
    expect(await menu.locator('strong').textContent()).toBe('Fx Cedar');
    await menu.locator('button', { hasText: 'SPONSORED_BY' }).waitFor();
    const box = (await menu.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
    await screenshot(page, 'canvas-fixes-long-press-menu-390');
    expect(errors).toEqual([]);
  });

  it('asks for a path with "Path from here" and "Path to here", no Shift+click', async () => {
    const { page, errors } = await openPhone(
      `${server.url}/?ids=actor:fx-cedar,operation:fx-cedar-op,org:fx-ruritania-mfa,state:fx-ruritania`,
    );
    await settle(page);
    await longPress(page, 'actor:fx-cedar');
    await page.locator('#menu button', { hasText: 'Path from here' }).tap();
    expect(await page.locator('#path-output').textContent()).toBe(
      'Now choose “Path to here” on another node.',
    );
    await longPress(page, 'state:fx-ruritania');
    await page.locator('#menu button', { hasText: 'Path to here' }).tap();
    await page.locator('#path-list li').first().waitFor();
    expect(await page.locator('#path-output').textContent()).toBe(
      '2 shortest paths of 3 hops (leaving out USES):',
    );
    expect(await page.locator('#path-ends').textContent()).toBe(
      'From Fx Cedar to Ruritania forget',
    );
    const highlighted = await page.evaluate(
      () =>
        (window as any).attributionGraph.canvas.cyForTests
          .elements('.path')
          .map((e: any) => e.id()) as string[],
    );
    expect(highlighted).toEqual(expect.arrayContaining(['actor:fx-cedar', 'state:fx-ruritania']));
    await screenshot(page, 'canvas-fixes-tap-path-390');
    expect(errors).toEqual([]);
  });

  it('expands a node with a double tap', async () => {
    const { page, errors } = await openPhone(`${server.url}/?ids=actor:fx-cedar,state:fx-borduria`);
    await settle(page);
    const at = await pagePosition(page, 'actor:fx-cedar');
    await page.touchscreen.tap(at.x, at.y);
    await page.waitForTimeout(80);
    await page.touchscreen.tap(at.x, at.y);
    // Its neighbours come (the server is asked, then the layout runs: slow on a busy machine).
    await page.waitForFunction(
      () => (window as any).attributionGraph.canvas.nodeIds().includes('operation:fx-cedar-op'),
      undefined,
      { timeout: 30_000 },
    );
    expect(
      await page.evaluate(() => (window as any).attributionGraph.canvas.nodeIds().length),
    ).toBeGreaterThan(3);
    expect(errors).toEqual([]);
  });
});

describe('on a phone', () => {
  it('gives the canvas the screen and shows the inspector as a sheet over it', async () => {
    const { page, errors } = await openPhone(
      `${server.url}/?ids=actor:fx-cedar,state:fx-borduria,operation:fx-cedar-op`,
    );
    const sheet = page.locator('#inspector-sheet');
    const bar = page.locator('#sheet-bar');
    // Before anything is chosen: a bar at the foot of the screen, under a canvas that fills it.
    const canvas = (await page.locator('.canvas-wrap').boundingBox())!;
    expect(canvas.height).toBeGreaterThan(PHONE.height * 0.7);
    const closed = (await bar.boundingBox())!;
    expect(closed.y + closed.height).toBeLessThanOrEqual(PHONE.height);
    expect(closed.y).toBeGreaterThan(PHONE.height - 80);
    expect(await page.locator('#inspector').isVisible()).toBe(false);
    await settle(page);
    await screenshot(page, 'canvas-fixes-phone-start-390');

    // A tap on a node: the sheet rises halfway with what it is, named on its bar; the graph
    // moves into the part of the canvas left clear, every node in reach above the sheet.
    await tapNode(page, 'actor:fx-cedar');
    await page.locator('#inspector h2', { hasText: 'Fx Cedar' }).waitFor();
    await expect.poll(() => sheet.getAttribute('data-sheet')).toBe('peek');
    expect(await page.locator('#sheet-title').textContent()).toBe('Fx Cedar');
    await settle(page);
    const sheetTop = (await sheet.boundingBox())!.y;
    for (const id of ['actor:fx-cedar', 'state:fx-borduria', 'operation:fx-cedar-op'])
      expect((await pagePosition(page, id)).y, id).toBeLessThan(sheetTop);
    const heading = (await page.locator('#inspector h2').boundingBox())!;
    expect(heading.y).toBeGreaterThan(PHONE.height / 3);
    expect(heading.y + heading.height).toBeLessThanOrEqual(PHONE.height);
    const peek = (await sheet.boundingBox())!;
    expect(peek.y + peek.height).toBeLessThanOrEqual(PHONE.height + 1);
    await screenshot(page, 'canvas-fixes-phone-sheet-390');

    // A tap on the bar raises it; × lowers it to the bar.
    await bar.tap();
    expect(await sheet.getAttribute('data-sheet')).toBe('full');
    expect((await sheet.boundingBox())!.height).toBeGreaterThan(PHONE.height * 0.8);
    await screenshot(page, 'canvas-fixes-phone-sheet-full-390');
    await page.locator('#sheet-close').tap();
    expect(await sheet.getAttribute('data-sheet')).toBe('closed');
    expect(await page.locator('#inspector').isVisible()).toBe(false);
    expect(await page.locator('#sheet-title').textContent()).toBe('Fx Cedar');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    expect(errors).toEqual([]);
  });
});
