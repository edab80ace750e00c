// The page works under its content security policy, and with tokens when a server needs them.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../server/src/server';
import { CLIENT_DIST } from '../../server/src/app';
import { launchBrowser, screenshot, waitForNode } from '../support/browser';
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

describe('the content security policy', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('is sent with the page, and nothing the explorer or the editor does violates it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) =>
        seen.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    const response = await page.goto(server.url);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator('#search').fill('APT31');
    await page.locator('#suggestions li.active').waitFor();
    await page.keyboard.press('Enter');
    await waitForNode(page, 'actor:apt31');
    await page.locator('#drawer-toggle').click();
    await page.locator('#editor .cm-content').click();
    await page.keyboard.press('Control+Enter');
    await page.locator('#export-png').click();
    await page.waitForTimeout(300);
    expect(
      await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
    ).toEqual([]);
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
    await context.close();
  });
});

describe('a server that needs tokens', () => {
  const READ = 'e2e-read-token-0123456789';
  const WRITE = 'e2e-write-token-0123456789';
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ AUTH_TOKENS: READ, AUTH_WRITE_TOKENS: WRITE });
  });
  afterAll(async () => {
    await server?.db.write("MATCH (q:SavedQuery {name: 'e2e-token-query'}) DELETE q");
    await server?.stop();
  });

  it('asks for a token, then works; saving a query asks for a write token', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const prompts: string[] = [];
    const answers = [READ, WRITE];
    page.on('dialog', (dialog) => {
      prompts.push(dialog.message());
      void dialog.accept(answers.shift() ?? '');
    });
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]');
    expect(prompts[0]).toMatch(/needs an access token/);
    await page.locator('#welcome .example').first().waitFor(); // read with the token

    await page.locator('#drawer-toggle').click();
    await page.locator('#save-query').click();
    await page.locator('#save-form input[name="name"]').fill('e2e-token-query');
    await page.locator('#save-form input[name="title"]').fill('Token query');
    await page.locator('#save-form textarea[name="description"]').fill('Saved with a write token');
    await page.locator('#save-confirm').click();
    await page.locator('button[data-query="e2e-token-query"]').waitFor();
    expect(prompts[1]).toMatch(/write rights/);
    await screenshot(page, 'auth-saved-with-write-token');
    await context.close();
  });
});
