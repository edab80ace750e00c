// Attribution analysis in real Chromium: the assessment dialog, the "as known on" date, the
// timeline (its brush sets the time window, an event shows its claim) and the map, at a
// desktop (1440×900) and a phone (390×844) size, with screenshots to look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../server/src/server';
import { openPage, readCanvas, screenshot, startE2e, stopE2e } from '../support/browser';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  ({ server, browser } = await startE2e());
});
afterAll(async () => {
  await stopE2e(server, browser);
});

const OP = 'operation:czech-mfa-2022';
const VIEW = [
  OP,
  'actor:apt31',
  'state:china',
  'state:czech-republic',
  'org:czech-mfa',
  'org:czech-government',
  'org:china-state-security',
  'statement:china-denial',
].join(',');
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

const attributions = (page: Page) =>
  readCanvas<string[]>(
    page,
    `cy.edges().filter((e) => e.data('type') === 'ATTRIBUTED_TO').map((e) => e.data('target')).sort()`,
  );
const select = (page: Page, id: string) =>
  readCanvas(
    page,
    `(cy.$(':selected').unselect(), cy.getElementById(${JSON.stringify(id)}).select(), true)`,
  );
const storeState = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { attributionGraph: { store: { state: Record<string, unknown> } } })
        .attributionGraph.store.state,
  );

async function assess(page: Page): Promise<void> {
  await select(page, OP);
  await page.locator('#assess').click();
  await page.locator('#assessment-dialog .assess-party[data-party="actor:apt31"]').waitFor();
}

describe('attribution analysis', () => {
  it(
    'assesses the Czech MFA operation: the parties side by side, the rule, the sources and the denial',
    { timeout: 120_000 },
    async () => {
      const { page, errors } = await openPage(browser, `${server.url}/?ids=${VIEW}`, DESKTOP);
      await assess(page);
      const dialog = page.locator('#assessment-dialog');
      expect(await dialog.locator('.assess-rule li').count()).toBeGreaterThan(3);
      const parties = await dialog
        .locator('.assess-party')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-party')));
      expect([...parties].sort()).toEqual(['actor:apt31', 'state:china']);
      const apt31 = dialog.locator('.assess-party[data-party="actor:apt31"]');
      const text = (await apt31.textContent()) ?? '';
      expect(text).toContain('Czech government');
      expect(text).toContain('single source');
      // China's denial is of the 2024 US and UK accusation: shown apart from this attribution's disputes.
      expect(text).toContain('Not disputed');
      expect(text).toContain('Denials of other accusations about APT31');
      expect(text).toContain('China denies another accusation: US and UK accuse');
      expect(text).toContain('China has denied these allegations.');
      expect(
        await apt31.locator('.assess-claim .assess-sources li').first().textContent(),
      ).toContain('#1');
      // Side by side on a desktop: the two cards share a row.
      const boxes = await dialog
        .locator('.assess-party')
        .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
      expect(boxes[0]).toBe(boxes[1]);
      await screenshot(page, 'analysis-assessment-1440');
      // A claim's evidence opens in the inspector.
      await apt31.locator('button', { hasText: 'Show evidence' }).first().click();
      await page.locator('#inspector .evidence').waitFor();
      expect(await dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
      expect(errors).toEqual([]);
    },
  );

  it('as known on 2025-05-27 hides the attribution; on 2025-05-28 it is back; the link keeps the date', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/?ids=${VIEW}`, DESKTOP);
    expect(await attributions(page)).toEqual(['actor:apt31', 'state:china']);
    await page.locator('#as-of').fill('2025-05-27');
    await page.locator('#as-of').dispatchEvent('change');
    await page.waitForFunction(() => location.search.includes('asOf=2025-05-27'));
    await expect.poll(() => attributions(page), { timeout: 10_000 }).toEqual([]);
    await screenshot(page, 'analysis-as-known-on-2025-05-27-1440');
    await page.locator('#as-of').fill('2025-05-28');
    await page.locator('#as-of').dispatchEvent('change');
    await expect
      .poll(() => attributions(page), { timeout: 10_000 })
      .toEqual(['actor:apt31', 'state:china']);
    // Undo goes back to the 27th.
    await page.goBack();
    await expect.poll(() => attributions(page), { timeout: 10_000 }).toEqual([]);
    expect(await page.locator('#as-of').inputValue()).toBe('2025-05-27');
    expect(errors).toEqual([]);
  });

  it('the timeline shows the events of the canvas; brushing sets the time window; an event shows its claim', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/?ids=${VIEW}`, DESKTOP);
    await page.locator('#strip-timeline').click();
    await page.locator('#timeline .vis-item.tl-attribution').first().waitFor();
    expect(await page.locator('#timeline .vis-item.tl-operation').count()).toBe(1);
    const rows = await page.locator('#timeline .vis-label').allTextContents();
    expect(rows.join('|')).toContain('Czech government');
    await screenshot(page, 'analysis-timeline-1440');
    // Drag the timeline (a brush of the visible range): the window becomes its years.
    const box = (await page.locator('#timeline .vis-center').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 10);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 200, box.y + 10, { steps: 8 });
    await page.mouse.up();
    await expect
      .poll(async () => (await storeState(page)).fromYear, { timeout: 10_000 })
      .toBeTypeOf('number');
    const state = await storeState(page);
    expect(Number(state.toYear)).toBeGreaterThanOrEqual(Number(state.fromYear));
    expect(page.url()).toMatch(/from=\d{4}/);
    // Clicking an attribution shows its claim.
    await page.locator('#timeline .vis-item.tl-attribution').first().click();
    await page.locator('#inspector .evidence').waitFor();
    expect(await page.locator('#inspector').textContent()).toContain('ATTRIBUTED_TO');
    expect(errors).toEqual([]);
  });

  it(
    'the map colours the targeted state, draws the arc from China, and a click selects a state',
    { timeout: 120_000 },
    async () => {
      const { page, errors } = await openPage(browser, `${server.url}/?ids=${VIEW}`, DESKTOP);
      await page.locator('#strip-map').click();
      const czech = page.locator('#map path.country[data-state="state:czech-republic"]');
      await czech.waitFor();
      expect(await page.locator('#map path.arc').getAttribute('data-arc')).toBe(
        'state:china>state:czech-republic',
      );
      const fills = await page
        .locator('#map path.country')
        .evaluateAll((els) => [...new Set(els.map((e) => getComputedStyle(e).fill))]);
      expect(fills.length).toBeGreaterThan(1);
      expect(await page.locator('#map .map-empty').count()).toBe(0);
      await screenshot(page, 'analysis-map-1440');
      await page.locator('#map path.country[data-state="state:china"]').click({ force: true });
      await expect
        .poll(() => readCanvas<string[]>(page, `cy.$(':selected').map((e) => e.id())`))
        .toEqual(['state:china']);
      await page.locator('#inspector h2', { hasText: 'China' }).waitFor();
      expect(errors).toEqual([]);
    },
  );

  it('the map says why it is grey when no state on the canvas is targeted', async () => {
    const { page, errors } = await openPage(
      browser,
      `${server.url}/?ids=operation:czech-mfa-2022,org:czech-mfa`,
      DESKTOP,
    );
    await page.locator('#strip-map').click();
    await page.locator('#map path.country').first().waitFor();
    expect(await page.locator('#map .map-empty').textContent()).toContain(
      'No state on the canvas is targeted by an operation on it',
    );
    expect(errors).toEqual([]);
  });

  it(
    'on a phone: the assessment stacks the parties; the strip and the control fit',
    { timeout: 150_000 },
    async () => {
      const { page, errors } = await openPage(browser, `${server.url}/?ids=${VIEW}`, PHONE);
      await assess(page);
      const tops = await page
        .locator('#assessment-dialog .assess-party')
        .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
      expect(tops[1]).toBeGreaterThan(tops[0]!);
      const width = await page.evaluate(
        () => document.querySelector('#assessment-dialog')!.getBoundingClientRect().width,
      );
      expect(width).toBeLessThanOrEqual(390);
      await screenshot(page, 'analysis-assessment-390');
      await page.locator('#assessment-dialog button.close').click();
      await page.locator('#strip-map').click();
      await page.locator('#map path.arc').waitFor();
      await page.locator('#analysis-strip').scrollIntoViewIfNeeded();
      await screenshot(page, 'analysis-map-390');
      await page.locator('#strip-timeline').click();
      await page.locator('#timeline .vis-item').first().waitFor();
      await screenshot(page, 'analysis-timeline-390');
      await page.locator('#analysis').scrollIntoViewIfNeeded();
      await screenshot(page, 'analysis-controls-390');
      expect(errors).toEqual([]);
    },
  );
});
