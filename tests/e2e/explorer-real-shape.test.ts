// The explorer on a graph shaped like the real imports (tests/fixtures/explorer/real-shape.yaml:
// Markdown with links and citation markers, a technique hub, undated claims, a name that is one
// actor's name and another's alias), in real Chromium against the real server and Neo4j.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../server/src/server';
import {
  openPage,
  pagePosition,
  screenshot,
  startE2e,
  stopE2e,
  waitForNode,
} from '../support/browser';
import { connectTestDb } from '../support/db';
import { HUB, HUB_NEIGHBOURS, loadRealShape, unloadRealShape } from '../support/real-shape';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  // Loaded before the app starts, so that the legend it serves counts the fixture.
  const db = connectTestDb();
  try {
    await loadRealShape(db);
  } finally {
    await db.close();
  }
  ({ server, browser } = await startE2e());
});
afterAll(async () => {
  if (server) await unloadRealShape(server.db);
  await stopE2e(server, browser);
});

/** A click on a node or an edge, as Cytoscape reports it (returns nothing to serialise). */
async function tap(page: Page, id: string): Promise<void> {
  await page.evaluate((elementId) => {
    (window as any).attributionGraph.canvas.cyForTests.getElementById(elementId).emit('tap');
  }, id);
}

/** Shows a node of the canvas in the inspector (a click on it). */
async function inspect(page: Page, id: string): Promise<void> {
  await tap(page, id);
  await page.locator('#inspector h2').waitFor();
}

/** Waits until the element is selected on the canvas. */
async function waitForSelected(page: Page, id: string): Promise<void> {
  // A function: the page's content security policy forbids evaluating strings here.
  await page.waitForFunction(
    (elementId) =>
      (window as any).attributionGraph.canvas.cyForTests.getElementById(elementId).selected(),
    id,
    { timeout: 10_000 },
  );
}

async function runInConsole(page: Page, cypher: string): Promise<void> {
  await page.locator('#drawer-toggle').click();
  await page.locator('#editor .cm-content').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(cypher);
  await page.keyboard.press('Control+Enter');
  await page.locator('.result-table').waitFor();
}

describe('clean text', () => {
  it('renders hostile Markdown without running anything: no script, handler, javascript: link, frame or form', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/?ids=actor:fx-hostile`);
    await inspect(page, 'actor:fx-hostile');
    const description = page.locator('#inspector .markdown');
    await description.waitFor();
    // Hover and click what the description holds: nothing may run.
    await description.getByText('bold').hover();
    await description.locator('a', { hasText: 'a javascript link' }).click();
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    expect(
      await description.evaluate(
        (el) => el.querySelectorAll('script, iframe, form, input, img, object, embed').length,
      ),
    ).toBe(0);
    const handlers = await description.evaluate((el) =>
      [...el.querySelectorAll('*')].flatMap((e) =>
        [...e.attributes].map((a) => a.name).filter((n) => n.startsWith('on')),
      ),
    );
    expect(handlers).toEqual([]);
    // The javascript: link keeps its words but loses its target; raw HTML tags with
    // attributes (the <a onclick>, the <img onerror>) are reduced to their text.
    const links = await description.evaluate((el) =>
      [...el.querySelectorAll('a')].map((a) => ({
        text: a.textContent,
        href: a.getAttribute('href'),
        target: a.getAttribute('target'),
        rel: a.getAttribute('rel'),
      })),
    );
    expect(links).toEqual([
      { text: 'a javascript link', href: null, target: '_blank', rel: 'noopener noreferrer' },
    ]);
    const text = await description.textContent();
    expect(text).toContain('Hostile text');
    expect(text).toContain('a safe link and');
    expect(text).toContain('bold.');
    await screenshot(page, 'real-shape-hostile-markdown');
    expect(errors).toEqual([]);
  });

  it('renders an ATT&CK description: links open in a new tab, citations link to the Source they name', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/?ids=actor:fx-cedar`);
    await inspect(page, 'actor:fx-cedar');
    const description = page.locator('#inspector .markdown').first();
    await description.waitFor();
    const text = (await description.textContent()) ?? '';
    expect(text).not.toMatch(/\(Citation:|\]\(|\*\*|<code>/);
    expect(await description.locator('strong').textContent()).toBe('Bordurian');
    expect(await description.locator('code').textContent()).toBe('WriteProcessMemory');
    const group = description.locator('a', { hasText: 'Fx Cedar' });
    expect(await group.getAttribute('href')).toBe('https://attack.mitre.org/groups/G9901');
    expect(await group.getAttribute('target')).toBe('_blank');
    expect(await group.getAttribute('rel')).toBe('noopener noreferrer');
    // Linked by the name ATT&CK cites it by (an alias of the Source) and by its own name.
    const cited = await description
      .locator('a.citation')
      .evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('data-source')]));
    expect(cited).toEqual([
      ['CheckPoint Volatile Cedar March 2015', 'source:fx-volatile-cedar'],
      ['Elastic Process Injection July 2017', 'source:fx-elastic'],
    ]);
    // A Source the node does not list stays plain text.
    expect(await description.locator('span.citation').textContent()).toBe('Unlisted Report 2019');
    await screenshot(page, 'real-shape-description');

    await description.locator('a.citation').first().click();
    await page.locator('#inspector h2', { hasText: 'Check Point. (2015, March 30)' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('shows search snippets as clean text', async () => {
    const { page } = await openPage(browser, `${server.url}/?ids=actor:fx-lotus`);
    await page.locator('#search').fill('ministries');
    const hit = page.locator('#suggestions li', { hasText: 'Fx Cedar' });
    await hit.waitFor();
    const snippet = (await hit.locator('small').textContent()) ?? '';
    expect(snippet).toContain('Fx Cedar is a Bordurian group that targets ministries.');
    expect(snippet).not.toMatch(/Citation|\]\(|\*\*|<code>/);
  });

  it('shows table cells as clean text and relationships as "A —TYPE→ B"; a click draws the edge', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/?ids=actor:fx-lotus`);
    await runInConsole(
      page,
      "MATCH (o:Operation {id: 'operation:fx-cedar-op'})-[r:ATTRIBUTED_TO]->(a) RETURN o, r, a, r.evidence AS evidence",
    );
    const row = page.locator('.result-table tbody tr').first();
    const relationship = row.locator('button.cell-relationship');
    expect(await relationship.textContent()).toBe(
      'Fx Operation Cedar against the Ruritanian ministry —ATTRIBUTED_TO→ Fx Cedar',
    );
    expect(await row.locator('td').last().textContent()).toBe(
      'The Ruritanian government says Fx Cedar did it.',
    );
    await screenshot(page, 'real-shape-table');

    // Take the claim off the canvas; the cell draws it again, selected and explained.
    const edgeId = (await relationship.getAttribute('data-relationship'))!;
    await page.evaluate(
      `window.attributionGraph.canvas.remove(['operation:fx-cedar-op', 'actor:fx-cedar'])`,
    );
    await relationship.click();
    await waitForNode(page, 'actor:fx-cedar');
    await waitForSelected(page, edgeId);
    await page.locator('#inspector .evidence').waitFor();
    expect(await page.locator('#inspector .evidence blockquote').textContent()).toBe(
      '“The Ruritanian government says Fx Cedar did it.CheckPoint Volatile Cedar March 2015”',
    );
    // The claim lists the report its evidence cites: the marker links to it.
    expect(await page.locator('#inspector .evidence a.citation').getAttribute('data-source')).toBe(
      'source:fx-volatile-cedar',
    );
    expect(errors).toEqual([]);
  });

  it('shows the evidence of "Who attributed what to whom" as clean text', async () => {
    const { page } = await openPage(
      browser,
      `${server.url}/?ids=actor:fx-lotus&query=attributions-with-sources`,
    );
    const row = page.locator('.result-table tbody tr', { hasText: 'Fx Operation Cedar' });
    await row.waitFor();
    expect(await row.textContent()).toContain('The Ruritanian government says Fx Cedar did it.');
    expect(await row.textContent()).not.toMatch(/Citation|\]\(|\*\*/);
  });
});

describe('sources lead somewhere', () => {
  it("lists an entity's references, each linked to its URL; a Source lists the claims it supports, and a claim draws onto the canvas", async () => {
    const { page, errors } = await openPage(browser, `${server.url}/?ids=actor:fx-lotus`);
    await inspect(page, 'actor:fx-lotus');
    await page.locator('#inspector').getByText('Fx Lotus', { exact: true }).first().waitFor();
    // Fx Cedar, reached through the search, lists its three references.
    await page.locator('#search').fill('Fx Cedar');
    await page.locator('#suggestions li.active').waitFor();
    await page.keyboard.press('Enter');
    await page.locator('#inspector h2', { hasText: 'Fx Cedar' }).waitFor();
    const references = page.locator('#inspector .references li');
    expect(
      await references.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-source'))),
    ).toEqual(['source:fx-volatile-cedar', 'source:fx-elastic', 'source:fx-attack']);
    const external = references.first().locator('a.external');
    expect(await external.getAttribute('href')).toBe('https://example.org/reports/volatile-cedar');
    expect(await external.getAttribute('target')).toBe('_blank');
    expect(await external.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await references.first().textContent()).toContain('Check Point, 2015-03-30');
    // A Source without a URL has no outside link.
    expect(await references.last().locator('a.external').count()).toBe(0);

    // The Source's own inspector: its URL and what it supports.
    await references.first().locator('a.source-name').click();
    await page.locator('#inspector .claims').waitFor();
    expect(await page.locator('#inspector .source-url a.external').getAttribute('href')).toBe(
      'https://example.org/reports/volatile-cedar',
    );
    expect(
      await page.locator('#inspector h3', { hasText: 'Claims it supports' }).textContent(),
    ).toBe('Claims it supports (2)');
    expect(await page.locator('#inspector .claims li').allTextContents()).toEqual([
      'Fx Operation Cedar against the Ruritanian ministry —ATTRIBUTED_TO→ Fx Cedar · 2016-02-01',
      'Fx Cedar —USES→ Fx Spearphishing Attachment · undated',
    ]);
    expect(await page.locator('#inspector .cited-by li').allTextContents()).toEqual([
      'Fx Cedar · Actor',
    ]);
    await screenshot(page, 'real-shape-source-claims');
    await page.locator('#inspector .claims a', { hasText: 'ATTRIBUTED_TO' }).click();
    await waitForNode(page, 'operation:fx-cedar-op');
    await page.locator('#inspector .evidence').waitFor();
    expect(await page.locator('#inspector h2').textContent()).toBe(
      'Fx Operation Cedar against the Ruritanian ministry → Fx Cedar',
    );
    expect(errors).toEqual([]);
  });

  it("expands one relationship type from the inspector's counts", async () => {
    const { page } = await openPage(browser, `${server.url}/?ids=actor:fx-cedar`);
    await inspect(page, 'actor:fx-cedar');
    const sponsored = page.locator('#inspector .degree button[data-type="SPONSORED_BY"]');
    expect(await sponsored.textContent()).toBe('SPONSORED_BY: 1 out, 0 in');
    await sponsored.click();
    await waitForNode(page, 'state:fx-borduria');
    const ids = await page.evaluate(
      () => (window as any).attributionGraph.canvas.nodeIds().sort() as string[],
    );
    expect(ids).toEqual(['actor:fx-cedar', 'state:fx-borduria']);
  });

  it('says who made a statement and what it is about, speakers apart', async () => {
    const { page, errors } = await openPage(
      browser,
      `${server.url}/?ids=statement:fx-ruritania-statement`,
    );
    await inspect(page, 'statement:fx-ruritania-statement');
    expect(await page.locator('#inspector .speakers').textContent()).toBe(
      'Made by Ruritania and Syldavia',
    );
    expect(await page.locator('#inspector .subjects').textContent()).toBe(
      'About Fx Operation Cedar against the Ruritanian ministry',
    );
    await page.locator('#inspector .subjects a').click();
    await waitForNode(page, 'operation:fx-cedar-op');
    await page.locator('#inspector h2', { hasText: 'Fx Operation Cedar' }).waitFor();
    expect(await page.locator('#inspector .statement .meta').textContent()).toBe(
      'Ruritania and Syldavia · 2016-02-01 · verbatim',
    );
    expect(errors).toEqual([]);
  });

  it('says a claim is undated and links its sources', async () => {
    const { page } = await openPage(browser, `${server.url}/?ids=actor:fx-cedar,state:fx-borduria`);
    const edge = await page.evaluate(
      () =>
        (window as any).attributionGraph.canvas.cyForTests
          .edges('[type = "SPONSORED_BY"]')
          .id() as string,
    );
    await tap(page, edge);
    await page.locator('#inspector .props').waitFor();
    expect(await page.locator('#inspector .props').textContent()).toContain(
      'dateundated (the source gives no date)',
    );
    expect(await page.locator('#inspector .sources li').allTextContents()).toEqual([
      'Fixture ATT&CK 18.1 ',
    ]);
  });
});

/** Node ids on the canvas, sorted. */
const nodeIds = (page: Page) =>
  page.evaluate(() => ((window as any).attributionGraph.canvas.nodeIds() as string[]).sort());
/** Ids of the nodes that are drawn (not filtered or hidden), sorted. */
const shownIds = (page: Page) =>
  page.evaluate(() =>
    (window as any).attributionGraph.canvas.cyForTests
      .nodes(':visible')
      .map((n: any) => n.id())
      .sort(),
  );

describe('a canvas that does not fill up', () => {
  it('starts empty with example searches; an example opens the search', async () => {
    const { page, errors } = await openPage(browser, server.url);
    expect(await nodeIds(page)).toEqual([]);
    await page.locator('#welcome button[data-example="APT31"]').click();
    expect(await page.locator('#search').inputValue()).toBe('APT31');
    await page.locator('#suggestions li.active', { hasText: 'APT31' }).waitFor();
    await page.keyboard.press('Enter');
    await waitForNode(page, 'actor:apt31');
    expect(await page.locator('#welcome').isHidden()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('clears the canvas (undo brings it back) and keeps only the selection; the inspector forgets what left', async () => {
    const ids = ['actor:fx-cedar', 'operation:fx-cedar-op', 'state:fx-borduria'];
    const { page, errors } = await openPage(browser, `${server.url}/?ids=${ids.join(',')}`);
    await inspect(page, 'operation:fx-cedar-op');
    await page.locator('#clear').click();
    expect(await nodeIds(page)).toEqual([]);
    expect(await page.locator('#inspector .hint').textContent()).toMatch(/^Click a node/);
    await page.locator('#welcome').waitFor();
    await page.waitForURL((url) => !url.search.includes('ids='));

    await page.locator('#undo').click();
    await waitForNode(page, 'actor:fx-cedar');
    expect(await nodeIds(page)).toEqual([...ids].sort());

    // Keep only Fx Cedar: the operation shown in the inspector leaves, the inspector forgets it.
    await inspect(page, 'operation:fx-cedar-op');
    await page.evaluate(() => (window as any).attributionGraph.canvas.select(['actor:fx-cedar']));
    await page.locator('#keep-selected').click();
    expect(await nodeIds(page)).toEqual(['actor:fx-cedar']);
    expect(await page.locator('#inspector .hint').textContent()).toMatch(/^Click a node/);
    // The link names it alone (its position may follow: pos=…).
    await page.waitForURL(/[?&]ids=actor:fx-cedar(&|$)/);
    expect(errors).toEqual([]);
  });

  it('hides the nodes filters leave without a relationship, says how much the filters hide, and resets them', async () => {
    const ids = ['actor:fx-cedar', 'operation:fx-cedar-op', 'state:fx-borduria'];
    const { page, errors } = await openPage(browser, `${server.url}/?ids=${ids.join(',')}`);
    expect(await page.locator('#filter-banner').isHidden()).toBe(true);
    await page.locator('#legend-types input[data-type="SPONSORED_BY"]').uncheck();
    // Borduria hangs on Fx Cedar by SPONSORED_BY alone: it goes with its relationship.
    expect(await shownIds(page)).toEqual(['actor:fx-cedar', 'operation:fx-cedar-op']);
    expect(await page.locator('#filter-banner').textContent()).toBe(
      '2 elements hidden by filters (1 node, 1 relationship) Reset filters',
    );
    await screenshot(page, 'real-shape-filter-banner');

    await page.locator('#hide-orphans').uncheck();
    await page.waitForURL(/orphans=show/);
    expect(await shownIds(page)).toEqual([...ids].sort());
    expect(await page.locator('#filter-banner strong').textContent()).toBe(
      '1 element hidden by filters',
    );

    await page.locator('#reset-filters').click();
    expect(await page.locator('#filter-banner').isHidden()).toBe(true);
    expect(await page.locator('#legend-types input[data-type="SPONSORED_BY"]').isChecked()).toBe(
      true,
    );
    expect(await page.locator('#hide-orphans').isChecked()).toBe(true);
    expect(page.url()).not.toMatch(/hideRels|orphans/);
    expect(errors).toEqual([]);
  });

  /** A page where search drew the hub and its first 100 neighbours, with the banner. */
  async function openTruncatedHub() {
    const opened = await openPage(browser, `${server.url}/?ids=actor:fx-lotus`);
    const { page } = opened;
    await page.locator('#search').fill('Fx Spearphishing');
    await page.locator('#suggestions li.active', { hasText: 'Fx Spearphishing' }).waitFor();
    await page.keyboard.press('Enter');
    await waitForNode(page, HUB);
    await page.locator('#truncated #show-next').waitFor();
    return opened;
  }

  it('expands a truncated hub by its next neighbours on a double-click, as "Show next" does', async () => {
    const { page, errors } = await openTruncatedHub();
    expect((await nodeIds(page)).length).toBe(101);
    // Its first 100 neighbours are drawn: a double-click used to say they all were.
    await page.evaluate(
      (id) => (window as any).attributionGraph.canvas.cyForTests.getElementById(id).emit('dbltap'),
      HUB,
    );
    await page.waitForFunction(
      () => (window as any).attributionGraph.canvas.nodeIds().length === 201,
    );
    expect(await page.locator('#truncated').textContent()).toContain('Showing 200 of the');
    expect(await page.locator('#status').textContent()).not.toContain('on the canvas already');
    expect(errors).toEqual([]);
  });

  it('offers "show next 100" and "show all" on a truncated hub, asking first above 200', async () => {
    const { page, errors } = await openTruncatedHub();
    expect(await page.locator('#truncated').textContent()).toContain(
      `Showing 100 of the ${HUB_NEIGHBOURS} neighbours of Fx Spearphishing Attachment.`,
    );
    expect((await nodeIds(page)).length).toBe(101);
    await screenshot(page, 'real-shape-hub-truncated');

    await page.locator('#show-next').click();
    await page.waitForFunction(
      () => (window as any).attributionGraph.canvas.nodeIds().length === 201,
    );
    expect(await page.locator('#truncated').textContent()).toContain('Showing 200 of the');
    expect(await page.locator('#show-next').textContent()).toBe(
      `Show next ${HUB_NEIGHBOURS - 200}`,
    );

    // Above 200 it asks: no, then yes.
    const questions: string[] = [];
    let answer = false;
    page.on('dialog', (dialog) => {
      questions.push(dialog.message());
      void (answer ? dialog.accept() : dialog.dismiss());
    });
    await page.locator('#show-all').click();
    await page.waitForTimeout(300);
    expect(questions).toEqual([
      `Draw all ${HUB_NEIGHBOURS} neighbours of Fx Spearphishing Attachment? A canvas this large is slow to read.`,
    ]);
    expect((await nodeIds(page)).length).toBe(201);
    answer = true;
    await page.locator('#show-all').click();
    await page.waitForFunction(
      (n) => (window as any).attributionGraph.canvas.nodeIds().length === n,
      HUB_NEIGHBOURS + 1,
    );
    expect(await page.locator('#truncated').isHidden()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('keeps the important labels readable at the zoom Fit picks, the full label on hover, edge labels on hover when dense', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/?ids=actor:fx-lotus`);
    await page.locator('#search').fill('Fx Spearphishing');
    await page.locator('#suggestions li.active', { hasText: 'Fx Spearphishing' }).waitFor();
    await page.keyboard.press('Enter');
    await waitForNode(page, HUB);
    // The hub comes with its first 100 neighbours; Fit once they are all drawn, and read the
    // view once Fit (or the layout still animating) has settled on them.
    await page.waitForFunction(
      () => (window as any).attributionGraph.canvas.cyForTests.edges().length >= 100,
    );
    await page.locator('#fit').click();
    await expect
      .poll(() => page.evaluate(() => (window as any).attributionGraph.canvas.cyForTests.zoom()))
      .toBeLessThan(0.8);
    const view = await page.evaluate((hub) => {
      const cy = (window as any).attributionGraph.canvas.cyForTests;
      const leaf =
        cy.nodes('.label-priority').length < cy.nodes().length
          ? cy.nodes().filter((n: any) => !n.hasClass('label-priority'))[0]
          : undefined;
      return {
        zoom: cy.zoom(),
        hubFont: parseFloat(cy.getElementById(hub).renderedStyle('font-size')),
        leafFont: leaf ? parseFloat(leaf.renderedStyle('font-size')) : undefined,
        quiet: cy.edges('.quiet').length,
        edges: cy.edges().length,
        edgeLabel: cy.edges()[0].style('label'),
      };
    }, HUB);
    // About a hundred nodes fitted: zoomed out, yet the hub's label is drawn at 10 px or more.
    expect(view.zoom).toBeLessThan(0.8);
    expect(view.hubFont).toBeGreaterThanOrEqual(10);
    // The hub's 100 edges are too many to label: labels wait for the pointer.
    expect(view.quiet).toBe(view.edges);
    expect(view.edgeLabel).toBe('');
    await screenshot(page, 'real-shape-hub-fitted');

    // The pointer on the hub: its whole label, and its edges' labels.
    const at = await pagePosition(page, HUB);
    await page.mouse.move(at.x, at.y);
    await page.waitForFunction(
      (hub) =>
        (window as any).attributionGraph.canvas.cyForTests.getElementById(hub).hasClass('hover'),
      HUB,
    );
    const hovered = await page.evaluate((hub) => {
      const node = (window as any).attributionGraph.canvas.cyForTests.getElementById(hub);
      return {
        wrap: node.style('text-wrap'),
        edgeLabel: node.connectedEdges()[0].style('label'),
      };
    }, HUB);
    expect(hovered).toEqual({ wrap: 'wrap', edgeLabel: 'USES' });
    expect(errors).toEqual([]);
  });
});

/** Types of the drawn edges, sorted. */
const shownTypes = (page: Page) =>
  page.evaluate(() =>
    (window as any).attributionGraph.canvas.cyForTests
      .edges(':visible')
      .map((e: any) => e.data('type'))
      .sort(),
  );
const CEDAR_VIEW = [
  'actor:fx-cedar',
  'operation:fx-cedar-op',
  'state:fx-borduria',
  'technique:fx-spearphishing',
];

describe('filters and paths', () => {
  it('keeps one relationship type or one kind with "only"', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/?ids=${CEDAR_VIEW.join(',')}`);
    expect(await shownTypes(page)).toEqual(['ATTRIBUTED_TO', 'SPONSORED_BY', 'USES']);
    const row = page.locator('#legend-types li', {
      has: page.locator('[data-type="ATTRIBUTED_TO"]'),
    });
    await row.hover();
    await row.locator('button.only').click();
    expect(await shownTypes(page)).toEqual(['ATTRIBUTED_TO']);
    // The others' ends go with them.
    expect(await shownIds(page)).toEqual(['actor:fx-cedar', 'operation:fx-cedar-op']);
    expect(
      await page
        .locator('#legend-types input[type="checkbox"]:checked')
        .evaluateAll((inputs) => inputs.map((i) => i.getAttribute('data-type'))),
    ).toEqual(['ATTRIBUTED_TO']);

    await page.locator('#reset-filters').click();
    const actors = page.locator('#legend-labels li', { has: page.locator('[data-label="Actor"]') });
    await actors.hover();
    await actors.locator('button.only').click();
    expect(await shownIds(page)).toEqual(['actor:fx-cedar']);
    expect(errors).toEqual([]);
  });

  it('includes undated claims by default, with their count, and leaves them out on request', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/?ids=${CEDAR_VIEW.join(',')}`);
    expect(await page.locator('#include-undated').isChecked()).toBe(true);
    expect(await page.locator('#undated-count').textContent()).toBe('(2 on the canvas)');
    await page.locator('#include-undated').uncheck();
    await page.waitForURL(/undated=0/);
    expect(await shownTypes(page)).toEqual(['ATTRIBUTED_TO']);
    expect(await page.locator('#filter-banner strong').textContent()).toBe(
      '4 elements hidden by filters',
    );
    // A link keeps the choice.
    const reopened = await openPage(browser, page.url());
    expect(await reopened.page.locator('#include-undated').isChecked()).toBe(false);
    expect(await shownTypes(reopened.page)).toEqual(['ATTRIBUTED_TO']);
    expect(errors).toEqual([]);
  });

  it('leaves a 2015 operation out of a 2021–2025 window, with its dated and undated claims', async () => {
    const { page, errors } = await openPage(
      browser,
      `${server.url}/?ids=${CEDAR_VIEW.join(',')}&from=2021&to=2025`,
    );
    expect(await shownIds(page)).toEqual([
      'actor:fx-cedar',
      'state:fx-borduria',
      'technique:fx-spearphishing',
    ]);
    expect(await shownTypes(page)).toEqual(['SPONSORED_BY', 'USES']);
    await page.locator('#reset-filters').click();
    expect(await shownIds(page)).toEqual([...CEDAR_VIEW].sort());
    expect(errors).toEqual([]);
  });

  it('exports as STIX exactly what is visible', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/?ids=${CEDAR_VIEW.join(',')}`);
    await page.locator('#legend-types input[data-type="SPONSORED_BY"]').uncheck();
    await page.locator('#tab-data').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#export-stix').click(),
    ]);
    const bundle = JSON.parse(
      (await import('node:fs')).readFileSync(await download.path(), 'utf8'),
    ) as {
      objects: {
        type: string;
        x_attribution_graph_id?: string;
        x_attribution_graph_label?: string;
        relationship_type?: string;
      }[];
    };
    const relationships = bundle.objects.filter((o) => o.type === 'relationship');
    expect(relationships.map((r) => r.relationship_type).sort()).toEqual(['attributed-to', 'uses']);
    // The nodes (beside them the identities of asserters and the notes of evidence quotes).
    expect(
      bundle.objects
        .filter((o) => o.x_attribution_graph_label !== undefined)
        .map((o) => o.x_attribution_graph_id)
        .sort(),
    ).toEqual(['actor:fx-cedar', 'operation:fx-cedar-op', 'technique:fx-spearphishing']);
    expect(errors).toEqual([]);
  });

  it('lists the paths as sentences, leaves USES out between an actor and a state, steps through them, and clears with Esc', async () => {
    const { page, errors } = await openPage(
      browser,
      `${server.url}/?ids=actor:fx-cedar,state:fx-ruritania`,
    );
    // Reachable without scrolling.
    const button = await page.locator('#find-path').boundingBox();
    expect(button!.y + button!.height).toBeLessThan(800);
    const selectBoth = () =>
      page.evaluate(() =>
        (window as any).attributionGraph.canvas.select(['actor:fx-cedar', 'state:fx-ruritania']),
      );
    const highlighted = () =>
      page.evaluate(() =>
        (window as any).attributionGraph.canvas.cyForTests
          .elements('.path')
          .map((e: any) => e.id())
          .sort(),
      );
    const BY_OPERATION =
      'Fx Cedar ←ATTRIBUTED_TO— Fx Operation Cedar against the Ruritanian ministry —TARGETED→ Ruritanian Ministry of Foreign Affairs —PART_OF→ Ruritania';
    const BY_STATEMENT =
      'Fx Cedar ←ATTRIBUTED_TO— Fx Operation Cedar against the Ruritanian ministry ←ABOUT— Ruritania and Syldavia on Fx Operation Cedar ←MADE— Ruritania';
    const BY_TECHNIQUE =
      'Fx Cedar —USES→ Fx Spearphishing Attachment ←USES— Fx Lotus —TARGETED→ Ruritania';

    await selectBoth();
    await page.locator('#find-path').click();
    await page.locator('#path-list li').first().waitFor();
    expect(await page.locator('#path-output').textContent()).toBe(
      '2 shortest paths of 3 hops (leaving out USES):',
    );
    expect((await page.locator('#path-list > li > button.path').allTextContents()).sort()).toEqual([
      BY_OPERATION,
      BY_STATEMENT,
    ]);
    // One path at a time: the first.
    expect(await page.locator('#path-position').textContent()).toBe('1 of 2');
    const one = await highlighted();
    expect(one.filter((id: string) => id.startsWith('rel:'))).toHaveLength(3);
    expect(one).toEqual(expect.arrayContaining(['actor:fx-cedar', 'state:fx-ruritania']));
    // Path nodes keep their size (the path style once squeezed them to 4-pixel bars).
    expect(
      await page.evaluate(() =>
        (window as any).attributionGraph.canvas.cyForTests.getElementById('actor:fx-cedar').width(),
      ),
    ).toBeGreaterThan(15);
    await screenshot(page, 'real-shape-path');
    await page.locator('#path-next').click();
    expect(await page.locator('#path-position').textContent()).toBe('2 of 2');
    const two = await highlighted();
    expect(two).not.toEqual(one);
    await page.locator('#path-all').click();
    expect(await highlighted()).toEqual([...new Set([...one, ...two])].sort());

    await page.keyboard.press('Escape');
    expect(await highlighted()).toEqual([]);

    // USES let in: the path through the shared technique joins them.
    await page.locator('#path-exclude summary').click();
    await page.locator('#path-types input[data-type="USES"]').uncheck();
    await selectBoth();
    await page.locator('#find-path').click();
    await page.waitForFunction(() => document.querySelectorAll('#path-list > li').length === 3);
    expect((await page.locator('#path-list > li > button.path').allTextContents()).sort()).toEqual(
      [BY_OPERATION, BY_STATEMENT, BY_TECHNIQUE].sort(),
    );
    expect(await page.locator('#path-output').textContent()).toBe('3 shortest paths of 3 hops:');

    // A kind of node left out: no path passes through a Statement.
    await page.locator('#path-exclude-kinds summary').click();
    await page.locator('#path-kinds input[data-kind="Statement"]').check();
    await selectBoth();
    await page.locator('#find-path').click();
    await page.waitForFunction(() => document.querySelectorAll('#path-list > li').length === 2);
    expect((await page.locator('#path-list > li > button.path').allTextContents()).sort()).toEqual(
      [BY_OPERATION, BY_TECHNIQUE].sort(),
    );
    expect(await page.locator('#path-output').textContent()).toBe(
      '2 shortest paths of 3 hops (leaving out Statement):',
    );

    // A new question clears the old highlight first.
    await page.evaluate(() => (window as any).attributionGraph.canvas.unselect());
    await page.locator('#find-path').click();
    expect(await page.locator('#path-output').textContent()).toBe(
      'Select exactly two nodes (Shift+click the second).',
    );
    expect(await highlighted()).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('targets and attackers', () => {
  const BY_OPERATION =
    'Fx Cedar ←ATTRIBUTED_TO— Fx Operation Cedar against the Ruritanian ministry —TARGETED→ Ruritanian Ministry of Foreign Affairs —PART_OF→ Ruritania';
  const highlighted = (page: Page) =>
    page.evaluate(() =>
      (window as any).attributionGraph.canvas.cyForTests
        .elements('.path')
        .map((e: any) => e.id())
        .sort(),
    );

  it("lists an actor's targets with the paths that say so; a path draws onto the canvas, highlighted, and Esc clears it", async () => {
    const { page, errors } = await openPage(browser, `${server.url}/?ids=actor:fx-cedar`);
    await inspect(page, 'actor:fx-cedar');
    const section = page.locator('#inspector .victimology[data-kind="targets"]');
    await section.locator('.entries').waitFor();
    expect(
      await section
        .locator('.entries > li')
        .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-party'))),
    ).toEqual(['state:fx-ruritania']);
    expect(await section.locator('.entries > li > small').textContent()).toBe(
      ' · through an operation',
    );
    expect(await section.locator('.paths li').allTextContents()).toEqual([BY_OPERATION]);
    await screenshot(page, 'real-shape-targets');

    await section.locator('.paths button').click();
    await waitForNode(page, 'state:fx-ruritania');
    await page.waitForFunction(
      () => (window as any).attributionGraph.canvas.cyForTests.elements('.path').length === 7,
    );
    expect(await nodeIds(page)).toEqual([
      'actor:fx-cedar',
      'operation:fx-cedar-op',
      'org:fx-ruritania-mfa',
      'state:fx-ruritania',
    ]);
    await page.waitForURL(/state:fx-ruritania/);
    await page.keyboard.press('Escape');
    expect(await highlighted(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("lists a state's attackers, directly and through operations", async () => {
    const { page, errors } = await openPage(browser, `${server.url}/?ids=state:fx-ruritania`);
    await inspect(page, 'state:fx-ruritania');
    const section = page.locator('#inspector .victimology[data-kind="attackers"]');
    await section.locator('.entries').waitFor();
    const entries = await section
      .locator('.entries > li')
      .evaluateAll((lis) =>
        lis.map(
          (li) => `${li.getAttribute('data-party')}${li.querySelector('small')?.textContent}`,
        ),
      );
    expect(entries).toEqual([
      'actor:fx-cedar · through an operation',
      'actor:fx-lotus · directly',
      'operation:fx-cedar-op · directly',
    ]);
    const lotus = section.locator('.entries > li[data-party="actor:fx-lotus"] .paths button');
    expect(await lotus.textContent()).toBe('Fx Lotus —TARGETED→ Ruritania');
    await lotus.click();
    await waitForNode(page, 'actor:fx-lotus');
    await page.waitForFunction(
      () => (window as any).attributionGraph.canvas.cyForTests.elements('.path').length === 3,
    );
    await screenshot(page, 'real-shape-attackers');
    expect(errors).toEqual([]);
  });
});
