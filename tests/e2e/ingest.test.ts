// Ingestion in real Chromium against the real server and Neo4j (issue 15's "done when"):
// paste a report, see its mentions highlighted, accept the proposed claims, commit, and find
// the new claim in the explorer with its sentence as evidence. Screenshots at 1440×900 and
// 390×844.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../server/src/server';
import { reseed } from '../support/db';
import {
  openPage,
  pagePosition,
  readCanvas,
  screenshot,
  startE2e,
  stopE2e,
  waitForNode,
} from '../support/browser';

const SEED_ARTICLE = fs.readFileSync(
  path.join(import.meta.dirname, '../../seed/sources/czech-mfa-apt31-2025-05-28.txt'),
  'utf8',
);
const REPORT = fs.readFileSync(
  path.join(import.meta.dirname, '../fixtures/ingest/06-uk-volt-typhoon.txt'),
  'utf8',
);

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  ({ server, browser } = await startE2e());
  await reseed(server.db);
});
afterAll(async () => {
  if (server) {
    await reseed(server.db);
    await server.db.write('MATCH (d:IngestDraft) DELETE d');
  }
  await stopE2e(server, browser);
});

describe('the Review view', () => {
  it('pastes a report, highlights mentions, accepts and commits claims, and shows them in the explorer', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/`, {
      width: 1440,
      height: 900,
    });
    await page.locator('#open-review').click();
    await page.locator('#review-text').fill(REPORT);
    await page.locator('#review-source-title').fill('UK sanctions APT31 front company (e2e)');
    await page.locator('#review-source-published').fill('2024-03-25');
    await page.locator('#review-propose').click();

    // Every mention highlighted with its label; APT31 linked to the node the graph knows.
    await page.locator('#review-pane mark.mention').first().waitFor();
    const marks = await page.locator('#review-pane mark.mention').allTextContents();
    expect(marks).toContain('APT31');
    expect(marks).toContain('Oliver Dowden');
    expect(await page.locator('#review-pane mark[data-label="Actor"]').first().textContent()).toBe(
      'APT31',
    );
    expect(await page.locator('#review-pane').textContent()).toBe(REPORT.trim());
    const claims = page.locator('#review-claims > li');
    expect(await claims.count()).toBeGreaterThan(3);
    await screenshot(page, 'ingest-review-1440');

    await page.locator('#review-accept-all').click();
    expect(await page.locator('#review-claims > li.accepted').count()).toBe(await claims.count());
    await screenshot(page, 'ingest-accepted-1440');
    await page.locator('#review-commit').click();

    // The explorer shows the neighbourhood of APT31 with the new attribution.
    await page.waitForFunction(
      () => !(document.getElementById('review-dialog') as HTMLDialogElement).open,
    );
    await waitForNode(page, 'actor:apt31');
    const edge =
      'cy.edges(\'[type = "ATTRIBUTED_TO"]\').filter((e) => String(e.data("evidence")).includes("conducted by APT31"))';
    await expect
      .poll(() => readCanvas<number>(page, `${edge}.length`), { timeout: 10_000 })
      .toBe(1);
    const id = await readCanvas<string>(page, `${edge}[0].id()`);
    // Wait for the layout to settle, then click the claim where it is drawn.
    let at = await pagePosition(page, id);
    await expect
      .poll(
        async () => {
          const now = await pagePosition(page, id);
          const still = Math.abs(now.x - at.x) < 1 && Math.abs(now.y - at.y) < 1;
          at = now;
          return still;
        },
        { interval: 500 },
      )
      .toBe(true);
    // A quarter of the way from the operation: the midpoint may lie under another node.
    const box = await page.locator('#cy').boundingBox();
    const near = await readCanvas<{ x: number; y: number }>(
      page,
      `((e) => { const s = e.renderedSourceEndpoint(); const t = e.renderedTargetEndpoint(); return { x: s.x + (t.x - s.x) * 0.25, y: s.y + (t.y - s.y) * 0.25 }; })(cy.getElementById(${JSON.stringify(id)}))`,
    );
    await page.mouse.click((box?.x ?? 0) + near.x, (box?.y ?? 0) + near.y);
    const evidence = page.locator('#inspector .evidence blockquote');
    await evidence.waitFor();
    expect(await evidence.textContent()).toContain(
      'the attack on the Electoral Commission was conducted by APT31',
    );
    await screenshot(page, 'ingest-explorer-1440');
    expect(errors).toEqual([]);
  });

  it('lists the structural claims of the seed article with the types the model allows, and commits an edited role', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/`, {
      width: 1440,
      height: 900,
    });
    await page.locator('#open-review').click();
    await page.locator('#review-text').fill(SEED_ARTICLE);
    await page.locator('#review-source-title').fill('Czech MFA on APT31 (e2e)');
    await page.locator('#review-source-published').fill('2025-05-28');
    await page.locator('#review-propose').click();
    await page.locator('#review-pane mark.mention').first().waitFor();

    const claims = page.locator('#review-claims > li');
    const types = await claims
      .locator('select[aria-label="Type"]')
      .evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value));
    for (const t of ['ROLE_IN', 'PART_OF', 'MEMBER_OF', 'ABOUT']) expect(types).toContain(t);

    // Lipavsky's role, from his title, editable; the type list is the model's for the ends.
    const lipavsky = claims.filter({ hasText: 'Jan Lipavsky ROLE_IN' });
    const role = lipavsky.locator('input[aria-label="Role"]');
    expect(await role.inputValue()).toBe('Foreign Minister');
    const offered = await lipavsky
      .locator('select[aria-label="Type"] option')
      .evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    expect(offered).toContain('ROLE_IN');
    expect(offered).not.toContain('ATTRIBUTED_TO');
    await role.fill('Foreign Minister (edited in the review)');
    await role.dispatchEvent('change');
    const member = claims.filter({ hasText: 'MEMBER_OF NATO' });
    expect(await member.locator('blockquote.evidence').textContent()).toContain(
      'As a member of the European Union and NATO',
    );
    await lipavsky.scrollIntoViewIfNeeded();
    await screenshot(page, 'ingest-review-structural-1440');

    await page.locator('#review-accept-all').click();
    await page.locator('#review-commit').click();
    await page.waitForFunction(
      () => !(document.getElementById('review-dialog') as HTMLDialogElement).open,
    );
    const rows = await server.db.read<{ role: string }>(
      "MATCH (:Person {name: 'Jan Lipavsky'})-[r:ROLE_IN]->() RETURN r.role AS role",
    );
    expect(rows.map((r) => r.role)).toContain('Foreign Minister (edited in the review)');
    expect(errors).toEqual([]);
  });

  it('fits a phone screen', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/`, { width: 390, height: 844 });
    await page.locator('#open-review').click();
    await page
      .locator('#review-text')
      .fill(
        'NATO condemned the attack on the Dutch Ministry of Defence, which was carried out by APT28.',
      );
    await page.locator('#review-propose').click();
    await page.locator('#review-pane mark.mention').first().waitFor();
    const width = await page.evaluate(
      () => document.getElementById('review-dialog')!.getBoundingClientRect().width,
    );
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(page, 'ingest-review-390');
    await page.locator('#review-discard').click();
    await page.locator('#review-text').waitFor();
    expect(errors).toEqual([]);
  });
});
