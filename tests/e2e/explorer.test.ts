// The explorer in real Chromium against the real server and Neo4j: each step a user takes
// to find APT31, see who it is linked to and why, and share the view.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../server/src/server';
import {
  startE2e,
  stopE2e,
  canvasNodeIds,
  openPage,
  pagePosition,
  screenshot,
  visibleEdgeTypes,
  visibleNodeIds,
  waitForNode,
} from '../support/browser';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  ({ server, browser } = await startE2e());
});
afterAll(async () => {
  await stopE2e(server, browser);
});

async function searchAndAdd(page: Page, text: string, id: string): Promise<void> {
  await page.locator('#search').fill(text);
  await page.locator('#suggestions li.active').waitFor();
  await page.keyboard.press('Enter');
  await waitForNode(page, id);
}

describe('the explorer', () => {
  it('opens on a welcome with example searches, not on a graph drawn unasked', async () => {
    const { page, errors } = await openPage(browser, server.url);
    expect(await canvasNodeIds(page)).toEqual([]);
    await page.locator('#welcome .example').first().waitFor();
    expect(await page.locator('#welcome .example').allTextContents()).toEqual([
      ' APT31',
      ' Cyber operation against the Czech Foreign Ministry',
      ' Czech Republic',
      ' China',
    ]);
    expect(await page.locator('#legend-labels').textContent()).toContain('Actor');
    await screenshot(page, 'explorer-start');

    // The best-connected operation is one click away, explained.
    await page.locator('#welcome-overview').click();
    await waitForNode(page, 'operation:czech-mfa-2022');
    expect(await canvasNodeIds(page)).toEqual(
      expect.arrayContaining(['operation:czech-mfa-2022', 'actor:apt31', 'org:czech-mfa']),
    );
    await page.locator('#inspector h2').waitFor();
    expect(await page.locator('#inspector h2').textContent()).toBe(
      'Cyber operation against the Czech Foreign Ministry',
    );
    expect(await page.locator('#welcome').isHidden()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('finds APT31 by an alias, adds it, expands it and explains an edge; the view survives a reload', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/?ids=org:nato`);
    expect(await canvasNodeIds(page)).toEqual(['org:nato']);

    // Search by alias and add APT31 with its neighbours.
    await searchAndAdd(page, 'Violet Typh', 'actor:apt31');
    await waitForNode(page, 'org:china-state-security');
    expect(await page.locator('#inspector h2').textContent()).toBe('APT31');
    expect(await page.locator('#inspector .aliases').textContent()).toContain('Violet Typhoon');
    await screenshot(page, 'explorer-apt31');

    // Expand the state-security node by double-clicking it: China comes in.
    const mss = await pagePosition(page, 'org:china-state-security');
    await page.mouse.dblclick(mss.x, mss.y);
    await waitForNode(page, 'state:china');

    // Open the attribution edge: its evidence quote, asserter and source.
    const edgeId = await page.evaluate(() => {
      const cy = (window as any).attributionGraph.canvas.cyForTests;
      return cy.edges('[type = "ATTRIBUTED_TO"][target = "actor:apt31"]').id() as string;
    });
    await page.evaluate(
      (id) =>
        (window as any).attributionGraph.canvas.cyForTests.fit(
          (window as any).attributionGraph.canvas.cyForTests.getElementById(id),
          200,
        ),
      edgeId,
    );
    const mid = await pagePosition(page, edgeId);
    await page.mouse.click(mid.x, mid.y);
    await page.locator('#inspector .evidence').waitFor();
    expect(await page.locator('#inspector .evidence').textContent()).toContain(
      'originated from APT31',
    );
    expect(await page.locator('#inspector .sources').textContent()).toContain(
      'China launched a "malicious cyber operation"',
    );
    expect(await page.locator('#inspector .props').textContent()).toContain('Czech government');
    await screenshot(page, 'explorer-edge-provenance');

    // Filter out statements in the legend.
    await page.locator('input[data-label="Statement"]').uncheck();
    const visible = await visibleNodeIds(page);
    expect(visible.some((id) => id.startsWith('statement:'))).toBe(false);
    expect((await canvasNodeIds(page)).some((id) => id.startsWith('statement:'))).toBe(true);
    expect(page.url()).toContain('hide=Statement');

    // Move the time slider's end to 2023: claims dated 2024 and 2025 go, undated ones stay.
    expect(await visibleEdgeTypes(page)).toContain('AFFILIATED_WITH');
    await page.locator('#time-to').fill('2023');
    await page.locator('#time-to').dispatchEvent('change');
    await page.waitForURL(/to=2023/);
    const types = await visibleEdgeTypes(page);
    expect(types).toContain('PART_OF');
    expect(types).not.toContain('AFFILIATED_WITH');
    expect(types).not.toContain('ATTRIBUTED_TO');
    await screenshot(page, 'explorer-filtered');

    // Reload from the URL: the same nodes, the same filters.
    const before = (await canvasNodeIds(page)).sort();
    const url = page.url();
    const reopened = await openPage(browser, url);
    expect((await canvasNodeIds(reopened.page)).sort()).toEqual(before);
    expect(await reopened.page.locator('input[data-label="Statement"]').isChecked()).toBe(false);
    expect(await reopened.page.locator('#time-to').inputValue()).toBe('2023');
    expect(errors).toEqual([]);
    expect(reopened.errors).toEqual([]);
  });

  it('lays out a small graph in two dimensions, not along one line', async () => {
    // A technique and four actors that use it, as an expansion adds them: nothing placed yet.
    const { page, errors } = await openPage(browser, server.url);
    await page.evaluate(`(() => {
      const leaves = ['a', 'b', 'c', 'd'];
      const nodes = [{ id: 'star:hub', label: 'Technique', name: 'Hub' }, ...leaves.map((l) => ({ id: 'star:' + l, label: 'Actor', name: 'Leaf ' + l }))];
      const relationships = leaves.map((l) => ({ id: 'rel:uses:star-' + l, type: 'USES', source: 'star:' + l, target: 'star:hub' }));
      window.attributionGraph.canvas.add({ nodes, relationships });
      return window.attributionGraph.canvas.runLayout('fcose', false);
    })()`);
    const before = await page.evaluate<{ x: number; y: number }[]>(
      'window.attributionGraph.canvas.cyForTests.nodes().map((n) => n.position())',
    );
    // The spread across the main direction against the spread along it (principal axes):
    // five nodes on one line give 0 (they did when every node started at the same point).
    const n = before.length;
    const mx = before.reduce((a, p) => a + p.x, 0) / n;
    const my = before.reduce((a, p) => a + p.y, 0) / n;
    const sxx = before.reduce((a, p) => a + (p.x - mx) ** 2, 0) / n;
    const syy = before.reduce((a, p) => a + (p.y - my) ** 2, 0) / n;
    const sxy = before.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0) / n;
    const half = Math.sqrt(((sxx - syy) / 2) ** 2 + sxy ** 2);
    const [major, minor] = [(sxx + syy) / 2 + half, (sxx + syy) / 2 - half];
    console.log(`star laid out: spread ratio ${(minor / major).toFixed(3)}`);
    expect(minor / major).toBeGreaterThan(0.15);
    expect(errors).toEqual([]);
  });

  it('lays out a large graph in a worker: the page keeps answering while it is computed', async () => {
    const { page, errors } = await openPage(browser, server.url);
    // 3,000 nodes in a tree (each with three children), past the canvas's main-thread limit.
    const figures = await page.evaluate<{
      ticks: number;
      ms: number;
      moved: number;
      parentChild: number;
      anyPair: number;
      straight: boolean;
    }>(`(async () => {
      const canvas = window.attributionGraph.canvas;
      const cy = canvas.cyForTests;
      const n = 3000;
      const parent = (i) => Math.floor((i - 1) / 3);
      const nodes = [];
      const relationships = [];
      for (let i = 0; i < n; i++) nodes.push({ id: 'big:' + i, label: 'Actor', name: 'Big ' + i });
      for (let i = 1; i < n; i++)
        relationships.push({ id: 'rel:uses:big-' + i, type: 'USES', source: 'big:' + i, target: 'big:' + parent(i) });
      canvas.add({ nodes, relationships });
      const at = (i) => cy.getElementById('big:' + i).position();
      const start = nodes.map((_, i) => ({ ...at(i) }));
      // A timer asking to run every 10 ms: a layout computed on the main thread starves it.
      let ticks = 0;
      let ticking = true;
      const tick = () => { ticks++; if (ticking) setTimeout(tick, 10); };
      setTimeout(tick, 10);
      const t0 = performance.now();
      await canvas.runLayout('fcose', false);
      const ms = performance.now() - t0;
      ticking = false;
      const dist = (a, b) => Math.hypot(at(a).x - at(b).x, at(a).y - at(b).y);
      let parentChild = 0;
      let anyPair = 0;
      for (let i = 1; i < n; i++) {
        parentChild += dist(i, parent(i)) / (n - 1);
        anyPair += dist(i, (i * 7919) % n) / (n - 1);
      }
      const moved = start.filter((p, i) => Math.hypot(p.x - at(i).x, p.y - at(i).y) > 1).length;
      const straight = cy.edges('.bulk').length === cy.edges().length;
      return { ticks, ms: Math.round(ms), moved, parentChild, anyPair, straight };
    })()`);
    console.log(`3,000 nodes laid out in a worker: ${JSON.stringify(figures)}`);
    // About one tick per 10 ms of layout when the page is free; none while a layout blocks it.
    expect(figures.ticks).toBeGreaterThan(Math.min(20, figures.ms / 50));
    expect(figures.moved).toBeGreaterThan(2900);
    expect(figures.parentChild).toBeLessThan(figures.anyPair / 3);
    // Over 2,000 nodes every edge is drawn straight (the cheapest Cytoscape draws).
    expect(figures.straight).toBe(true);
    expect(errors).toEqual([]);
  });

  it('pans a large graph as a snapshot and a small one live', async () => {
    const { page, errors } = await openPage(browser, server.url);
    // Strings, not functions: the test runner's helpers do not exist inside the page.
    const textureWhilePanning = () =>
      page.evaluate<boolean>(
        'window.attributionGraph.canvas.cyForTests.renderer().textureOnViewport',
      );
    expect(await textureWhilePanning()).toBe(false);
    await page.evaluate(`(() => {
      const nodes = Array.from({ length: 2500 }, (_, i) => ({ id: 'bulk:' + i, label: 'Actor', name: 'Bulk ' + i }));
      window.attributionGraph.canvas.add({ nodes, relationships: [] });
    })()`);
    expect(await textureWhilePanning()).toBe(true);
    await page.evaluate(
      `window.attributionGraph.canvas.remove(Array.from({ length: 2500 }, (_, i) => 'bulk:' + i))`,
    );
    expect(await textureWhilePanning()).toBe(false);
    expect(errors).toEqual([]);
  });

  it('exports the canvas as a PNG', async () => {
    const { page } = await openPage(browser, server.url);
    await page.locator('#welcome-overview').click();
    await waitForNode(page, 'operation:czech-mfa-2022');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#export-png').click(),
    ]);
    expect(download.suggestedFilename()).toBe('attribution-graph.png');
    const file = await download.path();
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(10_000);
  });

  it.each([
    [1280, 800],
    [420, 860],
  ])('at %ix%i the canvas and the panels do not overlap', async (width, height) => {
    const { page, errors } = await openPage(browser, server.url, { width, height });
    const boxes = await Promise.all(
      ['.canvas-wrap', '.side.left', '.side.right', '.topbar', '#drawer'].map(async (selector) => ({
        selector,
        box: await page.locator(selector).boundingBox(),
      })),
    );
    for (const { selector, box } of boxes) {
      expect(box, selector).not.toBeNull();
      expect(box!.width, selector).toBeGreaterThan(100);
      expect(box!.height, selector).toBeGreaterThan(20);
    }
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1)) {
        const overlap =
          a.box!.x < b.box!.x + b.box!.width - 1 &&
          b.box!.x < a.box!.x + a.box!.width - 1 &&
          a.box!.y < b.box!.y + b.box!.height - 1 &&
          b.box!.y < a.box!.y + a.box!.height - 1;
        expect(overlap, `${a.selector} overlaps ${b.selector}`).toBe(false);
      }
    await page.locator('#theme').click();
    await screenshot(page, `explorer-${width}x${height}-theme-switched`);
    expect(errors).toEqual([]);
  });
});
