// Errors in words for the user, in real Chromium against the real server: every panel shows
// what describeError says, and an upload asks for a token like every other request.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../server/src/server';
import { CLIENT_DIST } from '../../server/src/app';
import { launchBrowser, screenshot } from '../support/browser';
import { graphCounts } from '../support/db';
import { startTestServer } from '../support/server';

let browser: Browser;
beforeAll(async () => {
  if (!fs.existsSync(CLIENT_DIST))
    throw new Error('client/dist is missing: run "npm run build" first');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('a search over its rate limit', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_SEARCH_PER_MIN: '1' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('says in the status line which limit was hit and when to try again', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator('#search').fill('APT');
    await page.locator('#suggestions li').first().waitFor(); // the one search allowed
    await page.locator('#search').fill('APT31');
    await page.locator('#status.error').waitFor();
    expect(await page.locator('#status').textContent()).toBe(
      'Too many search requests: at most 1 a minute from one client; wait and retry. Try again in 1 min.',
    );
    await screenshot(page, 'errors-rate-limited');
    await page.close();
  });
});

describe('a server that needs tokens', () => {
  const READ = 'e2e-errors-read-token-0123456789';
  const WRITE = 'e2e-errors-write-token-0123456789';
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ AUTH_TOKENS: READ, AUTH_WRITE_TOKENS: WRITE });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('says a token is needed when the prompt is dismissed', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('dialog', (dialog) => void dialog.dismiss());
    await page.goto(server.url);
    await page.locator('#status.error').waitFor();
    expect(await page.locator('#status').textContent()).toBe(
      'This server needs a valid access token: try again and enter one when asked.',
    );
    await page.close();
  });

  it('asks for a write token when an import needs one, like every other write', async () => {
    const before = await graphCounts(server.db);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const prompts: string[] = [];
    const answers = [READ, WRITE];
    page.on('dialog', (dialog) => {
      prompts.push(dialog.message());
      void dialog.accept(answers.shift() ?? '');
    });
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator('#tab-data').click();
    await page.locator('#import-dry-run').check(); // a dry run: the graph stays as it is
    await page
      .locator('#import-file')
      .setInputFiles(path.resolve('tests/fixtures/import/stix-2.1.json'));
    await page.locator('#import-status strong').waitFor({ timeout: 20_000 });
    expect(await page.locator('#import-status').textContent()).toMatch(/^Dry run of STIX bundle/);
    expect(prompts).toHaveLength(2);
    expect(prompts[1]).toMatch(/write rights/);
    expect(await graphCounts(server.db)).toEqual(before);
    await page.close();
  });

  it('shows an import refused for a read-only token in the same words as the status line', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // The read token is accepted; the write token is refused at the prompt.
    const answers = [READ];
    page.on('dialog', (dialog) => {
      const answer = answers.shift();
      void (answer ? dialog.accept(answer) : dialog.dismiss());
    });
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator('#tab-data').click();
    await page.locator('#import-dry-run').check();
    await page
      .locator('#import-file')
      .setInputFiles(path.resolve('tests/fixtures/import/stix-2.1.json'));
    await page.locator('#import-status .error').waitFor({ timeout: 20_000 });
    expect(await page.locator('#import-status').textContent()).toBe(
      'This change needs a token with write rights: try again and enter one when asked.',
    );
    await screenshot(page, 'errors-import-needs-write-token');
    await page.close();
  });
});
