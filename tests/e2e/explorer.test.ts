// The explorer in real Chromium against the real server and Neo4j.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../server/src/server';
import { CLIENT_DIST } from '../../server/src/app';
import { canvasNodeIds, launchBrowser, openPage, screenshot, visibleNodeIds } from '../support/browser';
import { startTestServer } from '../support/server';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  if (!fs.existsSync(CLIENT_DIST)) throw new Error('client/dist is missing: run "npm run build" first');
  server = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the explorer', () => {
  it('opens on the seeded graph: the canvas shows the operation and its neighbours', async () => {
    const { page, errors } = await openPage(browser, server.url);
    const ids = await canvasNodeIds(page);
    expect(ids).toEqual(expect.arrayContaining(['operation:czech-mfa-2022', 'actor:apt31', 'org:czech-mfa']));
    expect(await page.locator('#legend-labels').textContent()).toContain('Actor');
    await page.locator('#inspector h2').waitFor();
    expect(await page.locator('#inspector h2').textContent()).toBe('Cyber operation against the Czech Foreign Ministry');
    await screenshot(page, 'explorer-start');
    expect(errors).toEqual([]);
  });
});
