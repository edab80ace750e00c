// The analyst's workbench in real Chromium against the real server and Neo4j, the walk of
// issue 14's "done when": add a Source from a URL and a date, add a State, attribute the
// operation to APT31 as asserted by that State with a quote, see it drawn and inspected,
// correct its date, retract it, see it leave the view and stay in the history, revert the
// retraction; the same for a Statement. Screenshots at 1440×900 and 390×844.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../server/src/server';
import { reseed } from '../support/db';
import { send } from '../support/workbench';
import {
  canvasNodeIds,
  openPage,
  pagePosition,
  screenshot,
  startE2e,
  stopE2e,
  waitForNode,
} from '../support/browser';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  ({ server, browser } = await startE2e());
  await reseed(server.db);
});
afterAll(async () => {
  if (server) await reseed(server.db);
  await stopE2e(server, browser);
});

const OPERATION = 'operation:czech-mfa-2022';
const ACTOR = 'actor:apt31';
const START = `/?ids=${OPERATION},${ACTOR}`;

type Cy = {
  edges: (selector: string) => { map: (f: (e: { id: () => string }) => string) => string[] };
};

/** Whether the claim (a relationship or a Statement) is drawn as retracted. */
const drawnRetracted = (page: Page, id: string) =>
  page.evaluate(
    (edge) =>
      (window as any).attributionGraph.canvas.cyForTests
        .getElementById(edge)
        .data('retracted') as boolean,
    id,
  );

/** The ids of the attributions to APT31 that the given party asserts, as drawn. */
function drawnClaims(page: Page, asserter: string): Promise<string[]> {
  return page.evaluate(
    (party) =>
      (
        window as unknown as { attributionGraph: { canvas: { cyForTests: Cy } } }
      ).attributionGraph.canvas.cyForTests
        .edges(`[type = "ATTRIBUTED_TO"][assertedBy = "${party}"]`)
        .map((e) => e.id()),
    asserter,
  );
}

async function waitForClaims(page: Page, asserter: string, count: number): Promise<string[]> {
  await page.waitForFunction(
    ([party, n]) =>
      (
        window as unknown as { attributionGraph: { canvas: { cyForTests: Cy } } }
      ).attributionGraph.canvas.cyForTests
        .edges(`[type = "ATTRIBUTED_TO"][assertedBy = "${party}"]`)
        .map((e) => e.id()).length === n,
    [asserter, count] as const,
    { timeout: 10_000 },
  );
  return drawnClaims(page, asserter);
}

async function clickNode(page: Page, id: string): Promise<void> {
  const p = await pagePosition(page, id);
  await page.mouse.click(p.x, p.y);
}

/** Selects two nodes as a user does: a click on each, not so fast that Cytoscape sees a double tap (which expands the second). */
async function selectTwo(page: Page, first: string, second: string): Promise<void> {
  await page.keyboard.press('Escape');
  await clickNode(page, first);
  await page.waitForTimeout(600);
  await clickNode(page, second);
}

describe('the workbench', () => {
  it('records, corrects, retracts and restores an attribution, all from the explorer', async () => {
    const { page, errors } = await openPage(browser, `${server.url}${START}`, {
      width: 1440,
      height: 900,
    });
    const suffix = randomBytes(3).toString('hex');
    const stateName = `Republic of Testland ${suffix}`;
    const stateId = `state:republic-of-testland-${suffix}`;
    const url = `https://gov.example.org/statements/${suffix}`;

    // A State, from the "+ Node" form built from the model.
    await page.click('#new-node');
    const dialog = page.locator('#edit-dialog');
    await dialog.locator('select[name="label"]').selectOption('State');
    await dialog.locator('input[name="iso2"]').waitFor();
    await dialog.locator('input[name="name"]').fill(stateName);
    await dialog.locator('input[name="reason"]').fill('asserts the attribution');
    await dialog.locator('button[type="submit"]').click();
    await waitForNode(page, stateId);
    await expect.poll(() => page.locator('#inspector h2').textContent()).toBe(stateName);

    // Select the operation and APT31, then draw the claim between them.
    await selectTwo(page, OPERATION, ACTOR);
    await page.click('#new-claim');
    const type = dialog.locator('select[name="type"]');
    expect(await type.locator('option').allTextContents()).toEqual([
      'ATTRIBUTED_TO: Cyber operation against the Czech Foreign Ministry → APT31',
    ]);
    // A new Source from a URL and a date, inline.
    await dialog.locator('input[name="sourceUrl"]').fill(url);
    await dialog.locator('input[name="sourcePublished"]').fill('2025-06-02');
    await dialog.locator('button[name="add-source"]').click();
    await dialog
      .locator('.claim-sources .chip', { hasText: `gov.example.org/statements/${suffix}` })
      .waitFor();
    await dialog
      .locator('textarea[name="evidence"]')
      .fill('Testland attributes the operation against the ministry to APT31');
    await dialog.locator('input[name="asserter-search"]').fill(`Testland ${suffix}`);
    await dialog.locator('.picker-hits button', { hasText: stateName }).click();
    await dialog.locator('input[name="date"]').fill('2025-06-02');
    await dialog.locator('select[name="confidence"]').selectOption('medium');
    await screenshot(page, 'workbench-claim-form-1440');
    await dialog.locator('button[type="submit"]').click();

    // Drawn and inspected, with its provenance.
    const [claim] = await waitForClaims(page, stateId, 1);
    expect(claim).toMatch(/^rel:attributed_to:/);
    expect((await canvasNodeIds(page)).sort()).toEqual([ACTOR, OPERATION, stateId].sort());
    const inspector = page.locator('#inspector');
    await inspector.locator('.evidence blockquote').waitFor();
    expect(await inspector.locator('.evidence blockquote').textContent()).toBe(
      '“Testland attributes the operation against the ministry to APT31”',
    );
    expect(await inspector.locator('table.props').textContent()).toContain(stateName);
    expect(await inspector.locator('ul.sources').textContent()).toContain(
      `gov.example.org/statements/${suffix}`,
    );
    expect(await inspector.locator('ul.sources').textContent()).toContain('2025-06-02');
    await inspector.locator('.history .change.create').waitFor();
    await screenshot(page, 'workbench-claim-inspected-1440');

    // Correct its date.
    await inspector.locator('button[name="correct-claim"]').click();
    const correct = inspector.locator('form[aria-label="Correct the claim"]');
    await correct.locator('input[name="date"]').fill('2025-06-05');
    await correct.locator('input[name="reason"]').fill('published on the 5th');
    await correct.locator('button[type="submit"]').click();
    await inspector.locator('.history .change.update').waitFor();
    expect(await inspector.locator('table.props').textContent()).toContain('2025-06-05');
    expect(await inspector.locator('.history .change.update .diff').allTextContents()).toEqual([
      'date: 2025-06-02 → 2025-06-05',
    ]);

    // Retract it with a reason: it leaves the default view and stays in the history.
    await inspector.locator('button[name="retract-claim"]').click();
    const retract = inspector.locator('form[aria-label="Retract the claim"]');
    await retract.locator('input[name="reason"]').fill('the ministry withdrew the statement');
    await retract.locator('button[type="submit"]').click();
    await waitForClaims(page, stateId, 0);
    await inspector.locator('.retracted-note').waitFor();
    expect(await inspector.locator('.retracted-note').textContent()).toContain(
      'the ministry withdrew the statement',
    );
    await expect
      .poll(() => inspector.locator('.history .change .change-head strong').allTextContents())
      .toEqual(['Retracted', 'Corrected', 'Created']);
    await screenshot(page, 'workbench-retracted-1440');

    // On request, it is drawn again, as retracted.
    await page.locator('#show-retracted').check();
    await waitForClaims(page, stateId, 1);
    expect(await drawnRetracted(page, claim!)).toBe(true);
    expect(page.url()).toContain('retracted=1');
    await screenshot(page, 'workbench-retracted-shown-1440');
    await page.locator('#show-retracted').uncheck();
    await waitForClaims(page, stateId, 0);

    // Revert the retraction from the history: the claim is back, as it was.
    await inspector.locator('.history .change.retract button.revert').click();
    await waitForClaims(page, stateId, 1);
    await inspector.locator('.history .change.restore').waitFor();
    expect(await inspector.locator('.retracted-note').count()).toBe(0);
    expect(await drawnRetracted(page, claim!)).toBe(false);
    await screenshot(page, 'workbench-restored-1440');
    expect(errors).toEqual([]);
  });

  it('merges a duplicate into a node from the inspector, and reverting the merge brings it back', async () => {
    const suffix = randomBytes(3).toString('hex');
    const made = async (body: Record<string, unknown>, path = '/api/nodes') => {
      const answer = await send(server, 'POST', path, body);
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      return answer.body as { id: string; name: string };
    };
    const keep = await made({ label: 'Actor', name: `Fixture Kitten ${suffix}` });
    const duplicate = await made({ label: 'Actor', name: `Fixture Cub ${suffix}` });
    const targeting = await made(
      {
        type: 'TARGETED',
        source: duplicate.id,
        target: 'org:czech-mfa',
        sources: ['source:article-czech-mfa-apt31-2025-05-28'],
      },
      '/api/relationships',
    );
    const { page, errors } = await openPage(
      browser,
      `${server.url}/?ids=${keep.id},${duplicate.id},org:czech-mfa`,
      { width: 1440, height: 900 },
    );
    await clickNode(page, keep.id);
    const inspector = page.locator('#inspector');
    await inspector.locator('button[name="merge-node"]').click();
    const form = inspector.locator('form[aria-label^="Merge a duplicate"]');
    await form.locator('input[name="duplicate-search"]').fill(`Cub ${suffix}`);
    await form.locator('.picker-hits button', { hasText: duplicate.name }).click();
    await form.locator('input[name="reason"]').fill('two vendor names for one group');
    await form.locator('button[type="submit"]').click();

    await page.waitForFunction(
      (id) => (window as any).attributionGraph.canvas.cyForTests.getElementById(id).empty(),
      duplicate.id,
    );
    const edge = () =>
      page.evaluate(
        (id) =>
          (window as any).attributionGraph.canvas.cyForTests
            .getElementById(id)
            .data('source') as string,
        targeting.id,
      );
    expect(await edge()).toBe(keep.id);
    await inspector.locator('.history .change.merge').waitFor();
    expect(await inspector.locator('.aliases').textContent()).toContain(duplicate.name);
    await screenshot(page, 'workbench-merged-1440');

    await inspector.locator('.history .change.merge button.revert').click();
    await waitForNode(page, duplicate.id);
    await expect.poll(edge).toBe(duplicate.id);
    expect(errors).toEqual([]);
  });

  it('retracts a Statement from its inspector, shows it on request as retracted, and reverts the retraction', async () => {
    const statement = 'statement:lipavsky-x-post';
    const speaker = 'person:jan-lipavsky';
    const subject = 'state:china';
    const { page, errors } = await openPage(
      browser,
      `${server.url}/?ids=${speaker},${statement},${subject}`,
      { width: 1440, height: 900 },
    );
    await waitForNode(page, statement);
    await clickNode(page, statement);
    const inspector = page.locator('#inspector');
    await inspector.locator('button[name="retract-node"]').click();
    const form = inspector.locator('form[aria-label="Retract the statement"]');
    // The reason is required: the browser refuses an empty one.
    expect(await form.locator('input[name="reason"]').getAttribute('required')).toBe('');
    await form.locator('input[name="reason"]').fill('the ministry withdrew the statement');
    await form.locator('button[type="submit"]').click();

    // It leaves the canvas with the claims that touch it; the inspector says who, when and why.
    await page.waitForFunction(
      (id) => (window as any).attributionGraph.canvas.cyForTests.getElementById(id).empty(),
      statement,
    );
    expect((await canvasNodeIds(page)).sort()).toEqual([speaker, subject].sort());
    await inspector.locator('.retracted-note').waitFor();
    expect(await inspector.locator('.retracted-note').textContent()).toMatch(
      /^Retracted on \d{4}-\d{2}-\d{2} by local: the ministry withdrew the statement$/,
    );
    expect(await inspector.locator('button[name="retract-node"]').count()).toBe(0);
    await expect
      .poll(() => inspector.locator('.history .change .change-head strong').first().textContent())
      .toBe('Retracted');
    await screenshot(page, 'workbench-statement-retracted-1440');

    // On request it is drawn again, as retracted (faded, dashed), with its claims.
    await page.locator('#show-retracted').check();
    await waitForNode(page, statement);
    expect(await drawnRetracted(page, statement)).toBe(true);
    const caption = await page.evaluate(
      (id) =>
        (window as any).attributionGraph.canvas.cyForTests
          .getElementById(id)
          .data('caption') as string,
      statement,
    );
    expect(caption).toMatch(/\(retracted\)$/);
    const touching = await page.evaluate(
      (id) =>
        (window as any).attributionGraph.canvas.cyForTests
          .getElementById(id)
          .connectedEdges()
          .map((e: any) => [e.data('type'), e.data('retracted')]) as [string, boolean][],
      statement,
    );
    expect(touching.map(([type]) => type).sort()).toEqual(['ABOUT', 'MADE']);
    expect(touching.every(([, retracted]) => retracted)).toBe(true);
    await screenshot(page, 'workbench-statement-retracted-shown-1440');
    await page.locator('#show-retracted').uncheck();
    await page.waitForFunction(
      (id) => (window as any).attributionGraph.canvas.cyForTests.getElementById(id).empty(),
      statement,
    );

    // Revert the retraction from its history: it is back on the canvas, as it was. (The log
    // is append-only: a test database that ran this before holds older entries; the newest
    // is first.)
    await inspector.locator('.history .change.retract button.revert').first().click();
    await waitForNode(page, statement);
    await expect
      .poll(() => inspector.locator('.history .change').first().getAttribute('class'))
      .toContain('restore');
    // The history and the note are redrawn separately: wait for the note too (CI read it
    // between the two).
    await expect.poll(() => inspector.locator('.retracted-note').count()).toBe(0);
    expect(await drawnRetracted(page, statement)).toBe(false);
    await inspector.locator('button[name="retract-node"]').waitFor();
    await screenshot(page, 'workbench-statement-restored-1440');
    expect(errors).toEqual([]);
  });

  it('fits a phone: the claim form and the inspector with its history at 390×844', async () => {
    const { page, errors } = await openPage(browser, `${server.url}${START}`, {
      width: 390,
      height: 844,
    });
    await selectTwo(page, OPERATION, ACTOR);
    await page.click('#new-claim');
    const dialog = page.locator('#edit-dialog');
    await dialog.locator('select[name="type"]').waitFor();
    const box = await dialog.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390);
    await screenshot(page, 'workbench-claim-form-390');
    await dialog.locator('button', { hasText: 'Cancel' }).click();

    // The attribution the seed holds, in the inspector with its history.
    const seeded = await page.evaluate(
      () =>
        (window as any).attributionGraph.canvas.cyForTests
          .edges('[type = "ATTRIBUTED_TO"][target = "actor:apt31"]')
          .id() as string,
    );
    const mid = await pagePosition(page, seeded);
    await page.mouse.click(mid.x, mid.y);
    await page.locator('#inspector .history-section').waitFor();
    await page.locator('#inspector .history-section').scrollIntoViewIfNeeded();
    await screenshot(page, 'workbench-inspector-390');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
  });
});
