// A page served from another origin tries to write through the visitor's browser, as the
// review's page did: fetch with mode "no-cors" and a text/plain body, and auto-submitted HTML
// forms (text/plain and url-encoded). Real Chromium, the real app on 127.0.0.1; the attacker
// pages on 127.0.0.2 (another site) and on 127.0.0.1 at another port (same site, another
// origin). Afterwards the graph and the saved queries are checked through the driver.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../server/src/server';
import { screenshot, startE2e, stopE2e } from '../support/browser';
import { graphCounts } from '../support/db';

let server: RunningServer;
let browser: Browser;
const attackers: http.Server[] = [];

const PLANTED = 'Planted Through The Browser';
const BUNDLE = {
  type: 'bundle',
  id: 'bundle--7a1e3f0c-0000-4e5a-9d6b-2f1c3b4a5d6e',
  objects: [
    {
      type: 'intrusion-set',
      spec_version: '2.1',
      id: 'intrusion-set--7a1e3f0c-1111-4e5a-9d6b-2f1c3b4a5d6e',
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-01-01T00:00:00.000Z',
      name: 'APT31',
      aliases: [PLANTED],
    },
  ],
};
const QUERY = {
  name: 'planted-query',
  title: 'Planted',
  description: 'Saved by another site',
  result: 'table',
  cypher: 'MATCH (n) RETURN count(n) AS n',
};

/** The attacker's page: every "simple" request a page may send to another origin. */
function attackPage(app: string): string {
  // A text/plain form sends "name=value": the JSON is split so that the "=" falls in a string.
  const split = (json: string) => {
    const cut = json.lastIndexOf('}');
    return { name: `${json.slice(0, cut)},"pad":"`, value: `"}` };
  };
  const formFor = (id: string, action: string, json: string) => {
    const { name, value } = split(json);
    const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/'/g, '&#39;');
    return `<iframe name="sink-${id}"></iframe>
      <form id="${id}" method="POST" target="sink-${id}" enctype="text/plain" action="${app}${action}">
        <input type="hidden" name='${attr(name)}' value='${attr(value)}'>
      </form>`;
  };
  const bundle = JSON.stringify(BUNDLE);
  const query = JSON.stringify(QUERY);
  return `<!doctype html><html><body>
    ${formFor('form-import', '/api/import?format=stix', bundle)}
    ${formFor('form-save', '/api/queries', query)}
    <iframe name="sink-form-urlencoded"></iframe>
    <form id="form-urlencoded" method="POST" target="sink-form-urlencoded" action="${app}/api/cypher">
      <input type="hidden" name="query" value="RETURN 1">
    </form>
    <script>
      const app = ${JSON.stringify(app)};
      const send = (path, body) => fetch(app + path, {
        method: 'POST', mode: 'no-cors', credentials: 'include',
        headers: { 'Content-Type': 'text/plain' }, body,
      }).then(() => 'sent', (e) => 'failed: ' + e.message);
      // A refused frame may never fire "load" (the answer forbids framing): wait 3 s at most.
      const loaded = (name) => new Promise((resolve) => {
        document.querySelector('iframe[name="' + name + '"]').addEventListener('load', resolve, { once: true });
        setTimeout(resolve, 3000);
      });
      (async () => {
        const results = [];
        results.push(await send('/api/import?format=stix', ${JSON.stringify(bundle)}));
        results.push(await send('/api/queries', ${JSON.stringify(query)}));
        for (const id of ['form-import', 'form-save', 'form-urlencoded']) {
          const done = loaded('sink-' + id);
          document.getElementById(id).submit();
          await done;
        }
        window.attackDone = results;
      })();
    </script>
  </body></html>`;
}

async function serveAttacker(host: string, app: string): Promise<string> {
  const attacker = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(attackPage(app));
  });
  await new Promise<void>((resolve) => attacker.listen(0, host, resolve));
  attackers.push(attacker);
  return `http://${host}:${(attacker.address() as AddressInfo).port}`;
}

async function apt31Aliases(): Promise<string[]> {
  const [row] = await server.db.read<{ aliases: string[] }>(
    "MATCH (a:Actor {id: 'actor:apt31'}) RETURN a.aliases AS aliases",
  );
  return row?.aliases ?? [];
}

beforeAll(async () => {
  ({ server, browser } = await startE2e());
});
afterAll(async () => {
  await server?.db.write("MATCH (q:SavedQuery {name: 'planted-query'}) DELETE q");
  await Promise.all(attackers.map((a) => new Promise((resolve) => a.close(resolve))));
  await stopE2e(server, browser);
});

describe('a page on another origin cannot write through the browser', () => {
  it.each([
    ['another site (127.0.0.2)', '127.0.0.2'],
    ['another port of the same host (127.0.0.1)', '127.0.0.1'],
  ])('from %s: no-cors fetches and auto-submitted forms are all refused', async (_what, host) => {
    const before = await graphCounts(server.db);
    const attackerUrl = await serveAttacker(host, server.url);
    const context = await browser.newContext();
    const page = await context.newPage();
    // The answers to the no-cors fetches are blocked from the page (Cross-Origin-Resource-
    // Policy), so the status each request got is read from Chromium's network layer.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const urls = new Map<string, string>();
    const statuses = new Map<string, number>();
    cdp.on('Network.requestWillBeSent', (e) => {
      if (e.request.url.startsWith(`${server.url}/api/`))
        urls.set(e.requestId, `${e.request.method} ${e.request.url}`);
    });
    cdp.on('Network.responseReceivedExtraInfo', (e) => statuses.set(e.requestId, e.statusCode));
    const answered = () => [...urls].filter(([id]) => statuses.has(id));
    await page.goto(attackerUrl);
    await page.waitForFunction(() => (window as unknown as { attackDone?: string[] }).attackDone, {
      timeout: 30_000,
    });
    for (let i = 0; i < 50 && answered().length < 5; i++) await page.waitForTimeout(100);
    await screenshot(page, `cross-site-${host}`);
    await context.close();

    // All five requests (two fetches, three forms) reached the server and were refused.
    const seen = answered().map(([id, what]) => `${statuses.get(id)} ${what}`);
    expect(seen.sort()).toEqual(
      [
        `403 POST ${server.url}/api/cypher`,
        `403 POST ${server.url}/api/import?format=stix`,
        `403 POST ${server.url}/api/import?format=stix`,
        `403 POST ${server.url}/api/queries`,
        `403 POST ${server.url}/api/queries`,
      ].sort(),
    );
    // And nothing changed: no alias on APT31, no saved query, the same counts.
    expect(await apt31Aliases()).not.toContain(PLANTED);
    const saved = await server.db.read<{ n: number }>(
      "MATCH (q:SavedQuery {name: 'planted-query'}) RETURN count(q) AS n",
    );
    expect(saved[0]?.n).toBe(0);
    expect(await graphCounts(server.db)).toEqual(before);
  });

  it("the app's own page still imports through the Data tab (same origin)", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator('#tab-data').click();
    await page.locator('#import-dry-run').check();
    await page.locator('#import-file').setInputFiles({
      name: 'bundle.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(BUNDLE)),
    });
    await page.locator('#import-status strong').waitFor({ timeout: 20_000 });
    expect(await page.locator('#import-status').textContent()).toMatch(/Dry run of STIX bundle/);
    expect(await apt31Aliases()).not.toContain(PLANTED);
    await context.close();
  });
});
