// Saved investigations and links that keep the layout, in real Chromium against the real
// server: a view is built and a node moved, saved with a note, the canvas cleared, the
// investigation reopened from the list and from its link in a fresh browser (same nodes at the
// same places); a reload restores the same layout from the URL; a link to a single node gives
// a node that can be clicked, expanded and opened in its menu, on a desktop and on a phone.
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
  waitForNode,
} from '../support/browser';
import { fresh, send, versionOfNode } from '../support/workbench';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  ({ server, browser } = await startE2e());
  await server.db.write('MATCH (i:Investigation) DELETE i');
});
afterAll(async () => {
  await server.db.write('MATCH (i:Investigation) DELETE i');
  await stopE2e(server, browser);
});

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const VIEW = ['actor:apt31', 'operation:czech-mfa-2022', 'org:czech-mfa', 'state:china'];

type Positions = Record<string, { x: number; y: number }>;
const positions = (page: Page) =>
  readCanvas<Positions>(
    page,
    `Object.fromEntries(cy.nodes().filter((n) => !n.data('groupOf')).map((n) => [n.id(), n.position()]))`,
  );

function expectSamePlaces(actual: Positions, expected: Positions, within: number): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [id, p] of Object.entries(expected)) {
    expect(Math.abs(actual[id]!.x - p.x), `${id}.x`).toBeLessThanOrEqual(within);
    expect(Math.abs(actual[id]!.y - p.y), `${id}.y`).toBeLessThanOrEqual(within);
  }
}

/** Drags a node by (dx, dy) screen pixels with the mouse. */
async function drag(page: Page, id: string, dx: number, dy: number): Promise<void> {
  await page.waitForTimeout(300);
  const at = await pagePosition(page, id);
  await page.mouse.move(at.x + 2, at.y + 2);
  await page.mouse.down();
  await page.mouse.move(at.x + 2 + dx / 2, at.y + 2 + dy / 2, { steps: 4 });
  await page.mouse.move(at.x + 2 + dx, at.y + 2 + dy, { steps: 4 });
  await page.mouse.up();
}

/** Waits until the canvas holds exactly these nodes. */
async function waitForNodes(page: Page, ids: string[]): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await canvasNodeIds(page)).sort().join() === [...ids].sort().join()) return;
    await page.waitForTimeout(100);
  }
  expect((await canvasNodeIds(page)).sort()).toEqual([...ids].sort());
}

describe('saved investigations', () => {
  it('a moved node, saved with a note, comes back at the same place from the list and from its link', async () => {
    const { page, errors } = await openPage(
      browser,
      `${server.url}/?ids=${VIEW.join(',')}`,
      DESKTOP,
    );
    await waitForNodes(page, VIEW);
    const before = await positions(page);
    await drag(page, 'org:czech-mfa', 120, -80);
    const moved = await positions(page);
    expect(moved['org:czech-mfa']!.x - before['org:czech-mfa']!.x).toBeGreaterThan(20);
    // The drag is in the link already (rounded to the pixel).
    await page.waitForURL(/pos=/);

    await page.locator('#tab-investigations').click();
    await page.locator('#investigation-name').fill('APT31 and the Czech ministry');
    const note = 'Who else was targeted?\n\n- ask the CERT about *2023*';
    await page.locator('#investigation-notes').fill(note);
    await page.locator('#investigation-save').click();
    const item = page.locator('#investigation-list li', {
      hasText: 'APT31 and the Czech ministry',
    });
    await item.waitFor();
    expect(await item.locator('small').textContent()).toMatch(
      /^4 nodes · \d{4}-\d\d-\d\d \d\d:\d\d · local$/,
    );
    await screenshot(page, 'investigations-saved-1440');

    await page.locator('#clear').click();
    await waitForNodes(page, []);
    await page.locator('#investigation-notes').fill('');

    await item.locator('button.investigation-open').click();
    await waitForNodes(page, VIEW);
    expectSamePlaces(await positions(page), moved, 1);
    expect(await page.locator('#investigation-notes').inputValue()).toBe(note);
    expect(await page.locator('#investigation-heading').textContent()).toBe(
      'Open: APT31 and the Czech ministry',
    );
    expect(page.url()).toMatch(/investigation=inv-/);

    await item.locator('button.investigation-copy').click();
    const link = await page.locator('input.investigation-link').inputValue();
    expect(link).toMatch(new RegExp(`^${server.url}/\\?investigation=inv-[0-9a-f-]{36}$`));
    await screenshot(page, 'investigations-reopened-1440');
    expect(errors).toEqual([]);
    await page.context().close();

    // A fresh browser (no history, no storage) opens the link: same nodes, same places, the note.
    const fresh = await openPage(browser, link, DESKTOP);
    await waitForNodes(fresh.page, VIEW);
    expectSamePlaces(await positions(fresh.page), moved, 1);
    expect(await fresh.page.locator('#panel-investigations').isVisible()).toBe(true);
    expect(await fresh.page.locator('#investigation-notes').inputValue()).toBe(note);
    await screenshot(fresh.page, 'investigations-link-1440');
    expect(fresh.errors).toEqual([]);
    await fresh.page.context().close();

    const phone = await openPage(browser, link, PHONE);
    await waitForNodes(phone.page, VIEW);
    expectSamePlaces(await positions(phone.page), moved, 1);
    await screenshot(phone.page, 'investigations-link-390');
    await phone.page.locator('#panel-investigations').scrollIntoViewIfNeeded();
    await screenshot(phone.page, 'investigations-panel-390');
    await phone.page.context().close();
  });

  it('Update from a stale version says so and keeps the other writer’s version', async () => {
    const { page } = await openPage(browser, `${server.url}/?ids=actor:apt31`, DESKTOP);
    await page.locator('#tab-investigations').click();
    await page.locator('#investigation-name').fill('Stale case');
    await page.locator('#investigation-save').click();
    await page.locator('#investigation-update').waitFor();
    const { investigations } = (await (await fetch(`${server.url}/api/investigations`)).json()) as {
      investigations: { id: string; name: string }[];
    };
    const id = investigations.find((i) => i.name === 'Stale case')!.id;
    const current = await (await fetch(`${server.url}/api/investigations/${id}`)).json();
    const elsewhere = await fetch(`${server.url}/api/investigations/${id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...pick(current), name: 'Renamed elsewhere', version: 1 }),
    });
    expect(elsewhere.status).toBe(200);
    await page.locator('#investigation-update').click();
    await expectText(
      page,
      '#investigation-status',
      /Someone saved this investigation since you opened it/,
    );
    const after = await (await fetch(`${server.url}/api/investigations/${id}`)).json();
    expect(after.name).toBe('Renamed elsewhere');
    await page.context().close();
  });
});

const pick = (i: Record<string, unknown>) => ({
  name: i.name,
  notes: i.notes,
  view: i.view,
  positions: i.positions,
});

async function expectText(page: Page, selector: string, pattern: RegExp): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if (pattern.test((await page.locator(selector).textContent()) ?? '')) return;
    await page.waitForTimeout(100);
  }
  expect(await page.locator(selector).textContent()).toMatch(pattern);
}

describe('links keep the layout', () => {
  it('a reload draws the same nodes at the same places (positions in the URL)', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/?ids=actor:apt31`, DESKTOP);
    await page.waitForTimeout(300);
    const at = await pagePosition(page, 'actor:apt31');
    await page.mouse.dblclick(at.x + 2, at.y + 2);
    await page.waitForURL(/pos=/);
    await waitForNode(page, 'org:china-state-security');
    const laid = await positions(page);
    expect(Object.keys(laid).length).toBeGreaterThan(3);
    const url = new URL(page.url());
    expect(url.searchParams.get('pos')!.split(',')).toHaveLength(Object.keys(laid).length);

    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await waitForNodes(page, Object.keys(laid));
    expectSamePlaces(await positions(page), laid, 0.5);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('a link to a single node', () => {
  for (const viewport of [DESKTOP, PHONE])
    it(`at ${viewport.width}×${viewport.height}: the node can be clicked, its menu opened, and expanded`, async () => {
      const { page, errors } = await openPage(browser, `${server.url}/?ids=actor:apt31`, viewport);
      await waitForNodes(page, ['actor:apt31']);
      const zoom = await readCanvas<number>(page, 'cy.zoom()');
      expect(zoom).toBeLessThanOrEqual(1.6);
      await page.waitForTimeout(300);
      let at = await pagePosition(page, 'actor:apt31');
      await page.mouse.click(at.x + 2, at.y + 2);
      await expectText(page, '#inspector', /APT31/);
      const below = async () =>
        page.evaluate(
          () => document.getElementById('inspector')!.getBoundingClientRect().top > innerHeight,
        );
      // On a phone too the answer is in view: the inspector rises as a sheet over the canvas
      // (panels/sheet.ts), so nothing needs to say where it went.
      await page.waitForFunction(
        () => document.getElementById('inspector')!.getBoundingClientRect().top < innerHeight,
      );
      expect(await below()).toBe(false);
      expect(await page.locator('#status').textContent()).toBe('');
      if (viewport === PHONE) {
        await screenshot(page, 'single-node-tapped-390');
        // The sheet down again, so that the menu and the double click reach the node.
        await page.locator('.sheet-close').click();
      }

      await page.waitForTimeout(300);
      at = await pagePosition(page, 'actor:apt31');
      await page.mouse.click(at.x + 2, at.y + 2, { button: 'right' });
      await page.locator('#menu:not([hidden])').waitFor();
      await page.keyboard.press('Escape');

      await page.waitForTimeout(300);
      await page.mouse.dblclick(at.x + 2, at.y + 2);
      await waitForNode(page, 'org:china-state-security');
      expect((await canvasNodeIds(page)).length).toBeGreaterThan(3);
      await screenshot(page, `single-node-expanded-${viewport.width}`);
      expect(errors).toEqual([]);
      await page.context().close();
    });

  it('a node without relationships says so when it is expanded, instead of seeming to ignore it', async () => {
    const created = await send(server, 'POST', '/api/nodes', {
      label: 'Actor',
      name: fresh('Lonely actor'),
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    try {
      const { page, errors } = await openPage(browser, `${server.url}/?ids=${id}`, DESKTOP);
      await waitForNodes(page, [id]);
      await page.waitForTimeout(300);
      const at = await pagePosition(page, id);
      await page.mouse.dblclick(at.x + 2, at.y + 2);
      await expectText(page, '#status', /Lonely actor \w+ has no relationships to draw\./);
      expect(await canvasNodeIds(page)).toEqual([id]);
      expect(errors).toEqual([]);
      await page.context().close();
    } finally {
      await send(server, 'DELETE', `/api/nodes/${id}?version=${await versionOfNode(server, id)}`);
    }
  });
});
