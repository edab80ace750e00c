// Pulling a TAXII 2.1 collection from the Data tab, in real Chromium, from OASIS's medallion:
// the first pull imports the collection, the second finds nothing new.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../server/src/server';
import { launchBrowser, openPage, screenshot, stopE2e } from '../support/browser';
import { reseed } from '../support/db';
import { startMedallion, type RunningMedallion } from '../support/medallion';
import { startTestServer } from '../support/server';

const COLLECTION = '5c1e7f3a-2b4d-4e6f-8a9b-0c1d2e3f4a5b';

let server: RunningServer;
let browser: Browser;
let medallion: RunningMedallion;
let apiRoot: string;

beforeAll(async () => {
  [server, medallion, browser] = await Promise.all([
    startTestServer({ TAXII_PULL_HOSTS: '127.0.0.1' }),
    startMedallion('tests/fixtures/taxii/medallion-data.json'),
    launchBrowser(),
  ]);
  apiRoot = `${medallion.url}api1/`;
  await reseed(server.db);
  await server.db.write('MATCH (c:TaxiiCursor) WHERE c.apiRoot = $apiRoot DELETE c', { apiRoot });
}, 120_000);

afterAll(async () => {
  await server?.db.write('MATCH (c:TaxiiCursor) WHERE c.apiRoot = $apiRoot DELETE c', {
    apiRoot,
  });
  await reseed(server.db);
  await server?.db.write('MATCH (r:ImportReview) DELETE r');
  await medallion?.stop();
  await stopE2e(server, browser);
});

describe('the Data tab pulls from a TAXII 2.1 server', () => {
  it('imports the collection, then finds nothing new on the next pull', async () => {
    const { page, errors } = await openPage(browser, server.url);
    await page.locator('#tab-data').click();
    await page.locator('#taxii-api-root').fill(apiRoot);
    await page.locator('#taxii-collection').fill(COLLECTION);
    await page.locator('#taxii-user').fill(medallion.user);
    await page.locator('#taxii-password').fill(medallion.password);
    await page.locator('#taxii-pull-button').click();
    await page.locator('#taxii-status strong').waitFor({ timeout: 30_000 });
    const first = await page.locator('#taxii-status').textContent();
    expect(first).toContain('Pulled "Harbour Lantern reporting": 5 new objects in 1 page(s)');
    expect(first).toContain('the whole collection');
    expect(first).toMatch(/[1-9]\d* created/);
    expect(await page.locator('#taxii-password').inputValue()).toBe('');
    await page.locator('#taxii-status').scrollIntoViewIfNeeded();
    await screenshot(page, 'data-taxii-pull');

    await page.locator('#taxii-password').fill(medallion.password);
    await page.locator('#taxii-pull-button').click();
    await page.waitForFunction(() =>
      document.querySelector('#taxii-status')?.textContent?.includes('0 new objects'),
    );
    expect(await page.locator('#taxii-status').textContent()).toContain('nothing new to import');
    expect(errors).toEqual([]);
  });
});
