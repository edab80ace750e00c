// Importing a file from the Data tab, in real Chromium: progress, the summary, and the legend
// updating without a reload.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../server/src/server';
import { openPage, screenshot, startE2e, stopE2e } from '../support/browser';
import { reseed } from '../support/db';
import { parseMispGalaxy } from '../../server/src/exchange/import/misp';
import { importBatch } from '../../server/src/exchange/import/run';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  ({ server, browser } = await startE2e());
  await reseed(server.db);
  await server.db.write('MATCH (r:ImportReview) DELETE r');
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

  it('shows an ambiguous name beside its candidates and merges it on "Same entity"', async () => {
    const galaxy = (name: string, uuid: string, values: unknown[]) =>
      parseMispGalaxy(`${name}.json`, JSON.stringify({ type: 'threat-actor', name, uuid, values }));
    await importBatch(
      server.db,
      galaxy('Twins', '11111111-1111-4111-8111-111111111111', [
        {
          value: 'Twin Panda',
          uuid: '21111111-1111-4111-8111-111111111111',
          meta: { synonyms: ['Shared Name'] },
        },
        {
          value: 'Twin Bear',
          uuid: '31111111-1111-4111-8111-111111111111',
          meta: { synonyms: ['Shared Name'] },
        },
      ]),
    );
    const { ambiguous } = await importBatch(
      server.db,
      galaxy('Shared', '51111111-1111-4111-8111-111111111111', [
        {
          value: 'Shared Name',
          uuid: '41111111-1111-4111-8111-111111111111',
          description: 'Reported under **the shared name** (Citation: Vendor 2024).',
        },
      ]),
    );
    expect(ambiguous).toHaveLength(1);
    const created = ambiguous[0]!.createdId;

    const { page, errors } = await openPage(browser, server.url);
    await page.locator('#tab-data').click();
    const item = page.locator('.review-item').first();
    await item.waitFor();
    expect(await item.locator('.review-node button.link').allTextContents()).toEqual([
      'Shared Name',
      'Twin Bear',
      'Twin Panda',
    ]);
    // The description reads as clean text, without its Markdown or citation marker.
    expect(await item.locator('.review-node .description').first().textContent()).toBe(
      'Reported under the shared name.',
    );
    await screenshot(page, 'data-review-list');
    const panda = item
      .locator('.review-candidate', { hasText: 'Twin Panda' })
      .locator('button[name="same"]');
    await panda.click();
    await page.locator('.review-item.decided .decision').waitFor();
    expect(await page.locator('.review-item .decision').textContent()).toMatch(
      /^Decided: the same entity as actor:twin-panda \(local, \d{4}-\d{2}-\d{2}\)$/,
    );
    const left = await server.db.read('MATCH (a:Actor {id: $created}) RETURN a', { created });
    expect(left).toEqual([]);
    expect(errors).toEqual([]);
  });
});
