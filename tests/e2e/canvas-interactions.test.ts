// What a user does on the canvas itself, in real Chromium against the real server: the node
// menu, selections and the path finder, the keyboard and the toolbar. Each goes through the
// canvas's named API and the view state (URL), so undo brings the canvas back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../server/src/server';
import {
  canvasNodeIds,
  openPage,
  pagePosition,
  readCanvas,
  screenshot,
  startE2e,
  stopE2e,
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

/**
 * Clicks a node a little off its centre: Cytoscape misses a diamond (an Actor) hit exactly on
 * its centre line. Waits first, because Cytoscape takes two clicks within its multi-click time
 * (250 ms) as a double click, whatever they hit, and a double click expands a node.
 */
async function click(page: Page, id: string, options: { right?: boolean } = {}): Promise<void> {
  await page.waitForTimeout(300);
  const at = await pagePosition(page, id);
  await page.mouse.click(at.x + 2, at.y + 2, options.right ? { button: 'right' } : {});
}

async function openMenu(page: Page, id: string): Promise<void> {
  await click(page, id, { right: true });
  await page.locator('#menu:not([hidden])').waitFor();
}

const urlIds = (page: Page) =>
  (new URL(page.url()).searchParams.get('ids') ?? '').split(',').filter(Boolean).sort();

describe('the canvas', () => {
  it('offers a node menu that expands by type, pins, removes and collapses; undo restores', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/?ids=actor:apt31`);
    await openMenu(page, 'actor:apt31');
    expect(await page.locator('#menu strong').textContent()).toBe('APT31');
    await page.locator('#menu button', { hasText: 'AFFILIATED_WITH' }).click();
    await waitForNode(page, 'org:china-state-security');
    // APT31's AFFILIATED_WITH neighbours in the seed, and nothing linked by another type.
    const affiliated = [
      'actor:apt31',
      'actor:ni-gaobin',
      'actor:wuhan-xrz',
      'actor:zhao-guangzong',
      'org:china-state-security',
    ];
    expect((await canvasNodeIds(page)).sort()).toEqual(affiliated);
    await page.waitForURL(/org:china-state-security/);
    await screenshot(page, 'canvas-expanded-by-type');

    await openMenu(page, 'actor:apt31');
    await page.locator('#menu button', { hasText: /^Pin$/ }).click();
    expect(await readCanvas<boolean>(page, `cy.getElementById('actor:apt31').locked()`)).toBe(true);
    await openMenu(page, 'actor:apt31');
    expect(await page.locator('#menu button', { hasText: /^Unpin$/ }).count()).toBe(1);
    await page.keyboard.press('Escape');
    expect(await page.locator('#menu').isHidden()).toBe(true);

    await openMenu(page, 'org:china-state-security');
    await page.locator('#menu button', { hasText: /^Remove$/ }).click();
    const removed = affiliated.filter((id) => id !== 'org:china-state-security');
    expect((await canvasNodeIds(page)).sort()).toEqual(removed);
    await page.waitForURL((url) => !url.search.includes('china-state-security'));
    expect(urlIds(page)).toEqual(removed);

    await page.keyboard.press('Control+z');
    await waitForNode(page, 'org:china-state-security');
    expect(urlIds(page)).toEqual(affiliated);

    // Collapse takes away the neighbours that hang on APT31 alone.
    await openMenu(page, 'actor:apt31');
    await page.locator('#menu button', { hasText: /^Collapse$/ }).click();
    const left = (await canvasNodeIds(page)).sort();
    expect(left).toContain('actor:apt31');
    expect(left).not.toContain('org:china-state-security');
    expect(left.length).toBeLessThan(affiliated.length - 1);
    expect(urlIds(page)).toEqual(left);
    expect(errors).toEqual([]);
  });

  it('selects with clicks, finds the shortest paths between two nodes, and clears on Escape', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/?ids=actor:apt31,state:china`);
    await page.locator('#find-path').click();
    expect(await page.locator('#path-output').textContent()).toBe(
      'Select exactly two nodes (Shift+click the second).',
    );

    await click(page, 'actor:apt31');
    await page.locator('#inspector h2', { hasText: 'APT31' }).waitFor();
    await page.keyboard.down('Shift');
    await click(page, 'state:china');
    await page.keyboard.up('Shift');
    expect(
      (await readCanvas<string[]>(page, `cy.nodes(':selected').map((n) => n.id())`)).sort(),
    ).toEqual(['actor:apt31', 'state:china']);

    await page.locator('#find-path').click();
    await page.locator('#path-list li').first().waitFor();
    expect(await page.locator('#path-output').textContent()).toMatch(
      /^\d+ shortest paths? of 2 hops \(leaving out USES\):$/,
    );
    // The first path is highlighted: its two ends and the node between them.
    const onPath = await readCanvas<string[]>(page, `cy.nodes('.path').map((n) => n.id())`);
    expect(onPath).toEqual(expect.arrayContaining(['actor:apt31', 'state:china']));
    expect(onPath).toHaveLength(3);
    expect(urlIds(page)).toEqual((await canvasNodeIds(page)).sort());
    await screenshot(page, 'canvas-path');

    await page.keyboard.press('Escape');
    expect(await readCanvas<number>(page, `cy.elements(':selected').length`)).toBe(0);
    expect(await readCanvas<number>(page, `cy.elements('.path').length`)).toBe(0);

    // A click on the empty background clears the inspector.
    const box = (await page.locator('#cy').boundingBox())!;
    await page.mouse.click(box.x + 8, box.y + box.height - 8);
    await page.locator('#inspector .hint', { hasText: 'Click a node or a relationship' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('hides and removes the selection with the keyboard; groups and merges from the toolbar', async () => {
    const { page, errors } = await openPage(
      browser,
      `${server.url}/?ids=actor:apt31,state:china,org:nato`,
    );
    await click(page, 'org:nato');
    await page.locator('#inspector h2', { hasText: 'NATO' }).waitFor();
    await page.keyboard.press('h');
    // Cytoscape applies a class's style on its next frame.
    await expect.poll(() => visibleNodeIds(page)).not.toContain('org:nato');
    expect(await canvasNodeIds(page)).toContain('org:nato');

    await page.keyboard.press('Escape');
    await click(page, 'state:china');
    await page.locator('#inspector h2', { hasText: 'China' }).waitFor();
    await page.keyboard.press('Delete');
    expect(await canvasNodeIds(page)).not.toContain('state:china');
    expect(urlIds(page)).toEqual(['actor:apt31', 'org:nato']);

    await page.keyboard.press('g');
    await page.waitForURL(/group=1/);
    expect(
      (await readCanvas<string[]>(page, `cy.nodes('[groupOf]').map((n) => n.id())`)).sort(),
    ).toEqual(['group:Actor', 'group:Organisation']);
    await screenshot(page, 'canvas-grouped');
    await page.locator('#group').click();
    await page.waitForURL((url) => !url.search.includes('group=1'));
    expect(await readCanvas<number>(page, `cy.nodes('[groupOf]').length`)).toBe(0);

    await page.locator('#merge').click();
    await page.waitForURL(/merge=1/);
    await page.locator('#undo').click();
    await page.waitForURL((url) => !url.search.includes('merge=1'));
    expect(errors).toEqual([]);
  });
});
