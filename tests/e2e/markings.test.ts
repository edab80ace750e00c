// TLP markings in the explorer, in real Chromium: the inspector shows each element's marking
// as a TLP badge, a marked node is ringed in its TLP colour, and the "+ Node" form sets a
// marking. Screenshots of both (test-results/screenshots/markings-*.png).
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../server/src/server';
import {
  openPage,
  pagePosition,
  readCanvas,
  screenshot,
  startE2eWithFixture,
  stopE2eReseeded,
  waitForNode,
} from '../support/browser';

const FIXTURE = path.resolve(__dirname, '../fixtures/markings/marked-graph.yaml');
const RED_OP = 'operation:mk-op-red';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  ({ server, browser } = await startE2eWithFixture(FIXTURE));
});
afterAll(async () => {
  await stopE2eReseeded(server, browser);
});

describe('markings in the explorer', () => {
  it('the inspector badges a node and a claim with their markings; a RED node is ringed red', async () => {
    const ids = [
      'actor:mk-kestrel',
      RED_OP,
      'operation:mk-op-amber',
      'operation:mk-op-clear',
      'state:mk-arland',
    ];
    const { page, errors } = await openPage(browser, `${server.url}/?ids=${ids.join(',')}`, {
      width: 1440,
      height: 900,
    });
    await waitForNode(page, RED_OP);
    expect(
      await readCanvas<string>(page, `cy.getElementById('${RED_OP}').style('outline-color')`),
    ).toBe('rgb(255,43,43)');
    const at = await pagePosition(page, RED_OP);
    await page.mouse.click(at.x, at.y);
    const inspector = page.locator('#inspector');
    await expect
      .poll(() => inspector.locator('h2').first().textContent())
      .toBe('Operation Nightjar');
    expect(await inspector.locator('header .badge.tlp').textContent()).toBe('TLP:RED');
    // An unmarked node reads CLEAR.
    // Taps as Cytoscape reports them from here on: a click at a computed position can land
    // on a neighbour while the layout still moves (it did in CI).
    const tap = (id: string) =>
      page.evaluate((el) => {
        (window as any).attributionGraph.canvas.cyForTests.getElementById(el).emit('tap');
      }, id);
    await tap('operation:mk-op-clear');
    await expect.poll(() => inspector.locator('header .badge.tlp').textContent()).toBe('TLP:CLEAR');
    // A claim's marking: the AMBER attribution of Clearwater to Arland (a tap as Cytoscape
    // reports it: where an edge is drawn depends on the layout).
    await tap('rel:attributed_to:mk-clear-to-arland');
    await expect
      .poll(() => inspector.locator('header h2').textContent())
      .toBe('Operation Clearwater → Arland');
    expect(await inspector.locator('header .badge.tlp').textContent()).toBe('TLP:AMBER');
    await screenshot(page, 'markings-claim');
    // Back to the RED operation, by a tap as Cytoscape reports it: after the claim's tap the
    // view may still be moving, and a click at a computed position hit a neighbour in CI.
    await tap(RED_OP);
    await expect.poll(() => inspector.locator('header .badge.tlp').textContent()).toBe('TLP:RED');
    await screenshot(page, 'markings-inspector');
    expect(errors).toEqual([]);
  });

  it('the "+ Node" form sets a marking, and the new node shows it', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/?ids=actor:mk-kestrel`, {
      width: 1440,
      height: 900,
    });
    const suffix = randomBytes(3).toString('hex');
    const name = `Markings test group ${suffix}`;
    await page.click('#new-node');
    const dialog = page.locator('#edit-dialog');
    await dialog.locator('select[name="label"]').selectOption('Actor');
    await dialog.locator('input[name="name"]').fill(name);
    const options = await dialog.locator('select[name="marking"] option').allTextContents();
    expect(options).toEqual(['—', 'CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED']);
    await dialog.locator('select[name="marking"]').selectOption('AMBER');
    await screenshot(page, 'markings-new-node');
    await dialog.locator('button[type="submit"]').click();
    await waitForNode(page, `actor:markings-test-group-${suffix}`);
    await expect
      .poll(() => page.locator('#inspector header .badge.tlp').textContent())
      .toBe('TLP:AMBER');
    expect(errors).toEqual([]);
  });
});
