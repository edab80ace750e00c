// Saved queries and the Cypher console in real Chromium.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../server/src/server';
import {
  startE2e,
  stopE2e,
  canvasNodeIds,
  openPage,
  screenshot,
  waitForNode,
} from '../support/browser';
import { graphCounts } from '../support/db';
import { postJson } from '../support/http';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  ({ server, browser } = await startE2e());
  await server.db.write('MATCH (q:SavedQuery) DELETE q');
});
afterAll(async () => {
  await server?.db.write('MATCH (q:SavedQuery) DELETE q');
  await stopE2e(server, browser);
});

describe('saved queries', () => {
  it('runs a query with a node picked from the form and draws the graph; the link reruns it', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/?ids=org:nato`);
    await page.locator('#tab-queries').click();
    await page.locator('button[data-query="actor-to-state"]').click();
    const input = page.locator('#param-actor');
    expect(await input.inputValue()).toBe('actor:apt31'); // the default is filled in
    await input.fill('Zhao');
    await page.waitForFunction(
      () => document.querySelectorAll('#param-actor-options option').length > 0,
    );
    expect(await page.locator('#param-actor-options option').first().getAttribute('value')).toBe(
      'actor:zhao-guangzong',
    );
    await input.fill('actor:zhao-guangzong');
    await page.locator('#query-form button[type="submit"]').click();
    await waitForNode(page, 'state:china');
    expect(await canvasNodeIds(page)).toEqual(
      expect.arrayContaining([
        'actor:zhao-guangzong',
        'actor:apt31',
        'org:china-state-security',
        'state:china',
      ]),
    );
    await page.waitForURL(/query=actor-to-state/);
    expect(page.url()).toContain('p.actor=actor:zhao-guangzong');
    await screenshot(page, 'queries-graph');

    const reopened = await openPage(browser, page.url());
    await waitForNode(reopened.page, 'state:china');
    expect(await reopened.page.locator('#param-actor').inputValue()).toBe('actor:zhao-guangzong');
    expect(errors).toEqual([]);
  });

  it('shows a table result that can be sorted and exported as CSV', async () => {
    const { page } = await openPage(browser, `${server.url}/?ids=org:nato&query=sanctions`);
    await page.locator('.result-table').waitFor();
    expect(await page.locator('.result-table tbody tr').count()).toBe(6);
    await page.locator('.result-table th', { hasText: 'target' }).click();
    const first = await page
      .locator('.result-table tbody tr:first-child td:nth-child(2)')
      .textContent();
    expect(first).toBe('Ni Gaobin');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#export-csv').click(),
    ]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('"imposedBy","target","kind","date","disputedBy","sources"');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(7);
    await screenshot(page, 'queries-table');
  });
});

describe('saved queries on names, and queries saved from the console', () => {
  it('takes a name in a node field, shows a table alone, and a console-saved $parameter gets a field', async () => {
    const saved = await postJson(server, '/api/queries', {
      name: 'backed-by-state',
      title: 'Actors behind a state',
      description: 'Actors tied to a state within three hops',
      result: 'table',
      params: {},
      cypher:
        'MATCH (a:Actor)-[*1..3]->(s:State {id: $state}) RETURN DISTINCT a AS actor ORDER BY actor.name',
    });
    expect(saved.status).toBe(201);
    const { page, errors } = await openPage(browser, `${server.url}/?ids=org:nato`);
    // The console's own text first, so that a saved query's table must not show it.
    await page.keyboard.press('e');
    await page.locator('#editor .cm-content').click();
    await page.keyboard.type('RETURN 1 AS one');
    await page.keyboard.press('Escape');

    await page.locator('#tab-queries').click();
    await page.locator('button[data-query="backed-by-state"]').click();
    await page.locator('#param-state').fill('China');
    await page.locator('#query-form button[type="submit"]').click();
    await page.locator('.result-table').waitFor();
    expect(await page.locator('#result-summary').textContent()).toMatch(/^Actors behind a state: /);
    expect(await page.locator('#drawer-body').getAttribute('class')).toContain('results-only');
    expect(await page.locator('#editor').isVisible()).toBe(false);
    const apt31 = page.locator('.result-table button.cell-node[data-node="actor:apt31"]');
    expect(await apt31.textContent()).toBe('APT31');
    await screenshot(page, 'queries-console-saved-by-name');
    await apt31.click();
    await waitForNode(page, 'actor:apt31');

    // The console's toggle brings the editor back, with its own text.
    await page.locator('#drawer-toggle').click();
    await page.locator('#editor .cm-content').waitFor();
    expect(await page.locator('#editor .cm-content').textContent()).toContain('RETURN 1 AS one');

    // A shipped query's node field takes an alias too.
    await page.locator('button[data-query="statements-about"]').click();
    await page.locator('#param-entity').fill('violet typhoon');
    await page.locator('#query-form button[type="submit"]').click();
    await expect
      .poll(() => page.locator('#result-summary').textContent())
      .toMatch(/^Everything said about an entity: /);
    expect(await page.locator('.result-table tbody tr').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});

describe('the Cypher console', () => {
  it('runs a query written in the editor, saves it, and finds it listed after a reload', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/?ids=org:nato`);
    await page.keyboard.press('e');
    await page.locator('#editor .cm-content').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type(
      "MATCH (a:Actor {id: 'actor:apt31'})-[r:AFFILIATED_WITH]->(o) RETURN a, r, o",
    );
    await page.keyboard.press('Control+Enter');
    await waitForNode(page, 'org:china-state-security');
    expect(await page.locator('#result-summary').textContent()).toMatch(/1 row\(s\), 2 node\(s\)/);

    await page.locator('#save-query').click();
    await page.locator('#save-form input[name="name"]').fill('apt31-affiliations');
    await page.locator('#save-form input[name="title"]').fill('APT31 affiliations');
    await page
      .locator('#save-form textarea[name="description"]')
      .fill('What APT31 is affiliated with');
    await page.locator('#save-confirm').click();
    await page.locator('button[data-query="apt31-affiliations"]').waitFor();

    const reopened = await openPage(browser, `${server.url}/?ids=org:nato`);
    await reopened.page.locator('#tab-queries').click();
    expect(
      await reopened.page.locator('button[data-query="apt31-affiliations"]').textContent(),
    ).toBe('APT31 affiliations');
    await screenshot(reopened.page, 'queries-saved');
    expect(errors).toEqual([]);
  });

  it('refuses a CREATE and says why; the graph does not change', async () => {
    const before = await graphCounts(server.db);
    const { page } = await openPage(browser, `${server.url}/?ids=org:nato`);
    await page.locator('#drawer-toggle').click();
    await page.locator('#editor .cm-content').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type("CREATE (:Actor {id: 'actor:intruder', name: 'Intruder'})");
    await page.locator('#run-cypher').click();
    await page.locator('#cypher-error').waitFor();
    expect(await page.locator('#cypher-error').textContent()).toMatch(
      /Only read queries may run here/,
    );
    await screenshot(page, 'console-refused');
    expect(await graphCounts(server.db)).toEqual(before);
  });
});
