// Names with bidi control characters, in real Chromium: "\u202Egnp.exe" must read with its
// control written out (⟨U+202E⟩gnp.exe), left to right, and must not reverse the text around
// it, in search hits, the inspector, result tables and canvas labels. Order is checked where
// Chromium draws the characters (Range rectangles), not only in the DOM text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { RunningServer } from '../../server/src/server';
import { openPage, screenshot, startE2e, stopE2e, waitForNode } from '../support/browser';

let server: RunningServer;
let browser: Browser;

const NAME = '\u202Egnp.exe';
const SHOWN = '⟨U+202E⟩gnp.exe';
const ALIAS = 'Bidi Check Group';
const DESCRIPTION = 'Drops \u2067\u202Efdp.tset\u2069 on targets';

beforeAll(async () => {
  ({ server, browser } = await startE2e());
  await server.db.write(
    `MERGE (a:Entity:Actor {id: 'actor:bidi-e2e'})
     SET a.name = $name, a.aliases = [$alias, 'Also \u202Bhidden\u202C here'], a.description = $description`,
    { name: NAME, alias: ALIAS, description: DESCRIPTION },
  );
  await server.db.write(`CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()`);
});
afterAll(async () => {
  await server?.db.write("MATCH (a:Actor {id: 'actor:bidi-e2e'}) DETACH DELETE a");
  await stopE2e(server, browser);
});

/**
 * Where Chromium draws the first and the last occurrence of two characters of an element's
 * text: left-to-right text has the first one further left.
 */
async function drawnLeftOf(locator: Locator, first: string, last: string): Promise<boolean> {
  return locator.evaluate(
    (el, [a, b]) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      const text: { node: Text; offset: number }[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode())
        for (let i = 0; i < (n.textContent ?? '').length; i++)
          text.push({ node: n as Text, offset: i });
      const all = text.map((t) => t.node.textContent[t.offset]).join('');
      const x = (index: number) => {
        const { node, offset } = text[index]!;
        const range = document.createRange();
        range.setStart(node, offset);
        range.setEnd(node, offset + 1);
        return range.getBoundingClientRect().left;
      };
      return x(all.indexOf(a!)) < x(all.lastIndexOf(b!));
    },
    [first, last],
  );
}

async function noRawControls(page: Page, selector: string): Promise<void> {
  const text = (await page.locator(selector).allTextContents()).join(' ');
  expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/);
}

describe('bidi control characters in names', () => {
  it('are shown, not obeyed, in search hits, the inspector, tables and canvas labels', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/?ids=org:nato`);

    // Search hit: the name reads left to right and " Actor" after it is not reversed.
    await page.locator('#search').fill(ALIAS);
    const hit = page.locator('#suggestions li.active');
    await hit.waitFor();
    expect(await hit.locator('strong').textContent()).toBe(SHOWN);
    expect(await hit.locator('strong bdi').count()).toBe(1);
    expect(await drawnLeftOf(hit.locator('strong'), 'g', 'e')).toBe(true);
    // The label reads left to right, and comes after the name (in its own column).
    expect(await drawnLeftOf(hit.locator('em'), 'A', 'r')).toBe(true);
    const [nameBox, labelBox] = await Promise.all([
      hit.locator('strong').boundingBox(),
      hit.locator('em').boundingBox(),
    ]);
    expect(labelBox!.x).toBeGreaterThanOrEqual(nameBox!.x + nameBox!.width - 1);
    await noRawControls(page, '#suggestions');

    // Inspector: name, aliases and description, each readable and isolated.
    await page.keyboard.press('Enter');
    await waitForNode(page, 'actor:bidi-e2e');
    await page.locator('#inspector h2').waitFor();
    expect(await page.locator('#inspector h2').textContent()).toBe(SHOWN);
    expect(await drawnLeftOf(page.locator('#inspector h2'), 'g', 'e')).toBe(true);
    expect(await page.locator('#inspector .aliases').textContent()).toBe(
      `Also known as ${ALIAS}, Also ⟨U+202B⟩hidden⟨U+202C⟩ here`,
    );
    expect(await drawnLeftOf(page.locator('#inspector .aliases'), 'A', 'e')).toBe(true);
    expect(await page.locator('#inspector').textContent()).toContain(
      'Drops ⟨U+2067⟩⟨U+202E⟩fdp.tset⟨U+2069⟩ on targets',
    );
    await noRawControls(page, '#inspector');

    // Canvas label: drawn from the caption, control written out.
    const label = await page.evaluate(() =>
      (
        window as unknown as {
          attributionGraph: {
            canvas: {
              cyForTests: { getElementById: (id: string) => { style: (p: string) => string } };
            };
          };
        }
      ).attributionGraph.canvas.cyForTests
        .getElementById('actor:bidi-e2e')
        .style('label'),
    );
    expect(label).toBe(SHOWN);

    // Result table from the console: the cell, and the column after it, in order.
    await page.locator('#drawer-toggle').click();
    await page.locator('#editor .cm-content').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type(
      "MATCH (a:Actor {id: 'actor:bidi-e2e'}) RETURN a.name AS name, 'after' AS next",
    );
    await page.keyboard.press('Control+Enter');
    const row = page.locator('#results tbody tr').first();
    await row.waitFor();
    expect(await row.locator('td').first().textContent()).toBe(SHOWN);
    expect(await drawnLeftOf(row.locator('td').first(), 'g', 'e')).toBe(true);
    expect(await drawnLeftOf(row, 'g', 'r')).toBe(true); // "after" stays after the name
    await noRawControls(page, '#results');
    await screenshot(page, 'bidi-controls-shown');
    expect(errors).toEqual([]);
  });
});
