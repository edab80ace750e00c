// Importing a file from the Data tab, in real Chromium: progress, the summary, and the legend
// updating without a reload.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../server/src/server';
import { openPage, screenshot, startE2e, stopE2e } from '../support/browser';
import { reseed } from '../support/db';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  ({ server, browser } = await startE2e());
  await reseed(server.db);
});
afterAll(async () => {
  await reseed(server.db);
  await server?.db.write('MATCH (r:ImportReview) DELETE r');
  await stopE2e(server, browser);
});

describe('the Data tab', () => {
  it('imports a STIX bundle, shows the summary and updates the legend without a reload', async () => {
    const { page, errors } = await openPage(browser, server.url);
    await page.locator('#tab-data').click();
    expect(await page.locator('#legend-labels').textContent()).not.toContain('Capability');
    await page
      .locator('#import-file')
      .setInputFiles(path.resolve('tests/fixtures/import/stix-2.1.json'));
    await page.locator('#import-status strong').waitFor({ timeout: 20_000 });
    const summary = await page.locator('#import-status').textContent();
    expect(summary).toMatch(/Imported STIX bundle/);
    expect(summary).toMatch(/1 merged into existing entities/);
    expect(summary).toMatch(/\d+ skipped/);
    await page.locator('#tab-explore').click();
    await page.waitForFunction(() =>
      document.querySelector('#legend-labels')?.textContent?.includes('Capability'),
    );
    await screenshot(page, 'data-import-summary');
    expect(errors).toEqual([]);
  });

  it('says what is wrong with a file that is neither STIX nor MISP', async () => {
    const { page } = await openPage(browser, server.url);
    await page.locator('#tab-data').click();
    await page.locator('#import-file').setInputFiles({
      name: 'notes.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"hello": "world"}'),
    });
    await page.locator('#import-status .error').waitFor();
    expect(await page.locator('#import-status').textContent()).toContain(
      'notes.json is neither a STIX bundle nor a MISP galaxy cluster',
    );
  });
});
