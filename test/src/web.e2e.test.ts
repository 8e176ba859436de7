// The hub's web app in a real browser (Debian's Chromium via playwright-core) against the real hub,
// the app built and served by the gateway at /. Every page is checked with axe-core and saved as a
// screenshot into docs/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { bootHub, type Hub } from './harness.js';
import { launch, openApp, screenshot, seriousViolations, signIn } from './web/browser.js';

// a browser test walks several pages on a shared 2-core machine: generous, not tight
const BROWSER_TEST_MS = 180_000;
const step = (what: string) => process.env.WEB_TEST_STEPS && console.log(`[web] ${new Date().toISOString()} ${what}`);

let hub: Hub;
let browser: Browser;
let base: string;
beforeAll(async () => {
  hub = await bootHub();
  base = hub.url.replace(/graphql$/, '');
  browser = await launch();
}, BROWSER_TEST_MS);
afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

const feedText = (page: Page) => page.locator('[data-testid="feed"]').innerText();
async function connected(page: Page) {
  await page.locator('[data-connection="connected"]').waitFor({ timeout: 20_000 });
}

describe('the app is served by the gateway', () => {
  it('/ serves the built app, /graphql stays the API, the dev sign-in lists demo identities', async () => {
    const index = await fetch(base);
    expect(index.status).toBe(200);
    expect(await index.text()).toMatch(/<div id="app">/);
    const config = await (await fetch(`${base}config.json`)).json();
    expect(config).toMatchObject({ devSignIn: true, tileUrl: null });
    const ids = await (await fetch(`${base}auth/dev-token`)).json();
    expect(ids.identities.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining(['municipality-utrecht', 'municipality-den-haag', 'police']));
    const api = await hub.gql('public', '{ registrationCounts { municipality } }');
    expect(api.errors).toBeUndefined();
    const bad = await fetch(`${base}auth/dev-token`, { method: 'POST', body: '{"identity":"root"}', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect((await fetch(`${base}../../etc/passwd`)).status).not.toBe(200);
  });
});

describe('municipality live dashboard', () => {
  it("a police status change appears on Utrecht's dashboard within 2 s and never on The Hague's; after the WebSocket is cut and restored the events sent meanwhile appear", async () => {
    const utrecht = await openApp(browser, base);
    // the test holds the page's WebSocket: it can cut it (and refuse reconnects) and restore it
    let cut = false;
    const routes: WebSocketRoute[] = [];
    await utrecht.page.routeWebSocket(/\/graphql$/, (ws) => {
      if (cut) return void ws.close({ code: 1013, reason: 'network down' });
      ws.connectToServer();
      routes.push(ws);
    });
    await signIn(utrecht.page, 'municipality-utrecht');
    const hague = await openApp(browser, base);
    await signIn(hague.page, 'municipality-den-haag');
    await connected(utrecht.page);
    await connected(hague.page);
    await utrecht.page.locator('tr[data-camera="utrecht-neude-1"]').waitFor();
    await new Promise((r) => setTimeout(r, 500)); // the gateway holds both upstream subscriptions

    const change = await hub.gql('police', 'mutation { setCameraStatus(id: "utrecht-neude-1", status: OFFLINE, reason: "cable cut") { status } }');
    expect(change.errors).toBeUndefined();
    const started = Date.now(); // the change is committed: from here to the screen
    await utrecht.page.locator('[data-testid="feed"] li[data-kind="status"]', { hasText: 'cable cut' }).waitFor({ timeout: 10_000 });
    const elapsed = Date.now() - started;
    step(`status change on screen after ${elapsed} ms`);
    expect(elapsed).toBeLessThan(2000);
    expect(await utrecht.page.locator('tr[data-camera="utrecht-neude-1"] td[data-status]').getAttribute('data-status')).toBe('OFFLINE');
    await screenshot(utrecht.page, 'municipality-dashboard');
    step('expect(await seriousViolations');
    expect(await seriousViolations(utrecht.page)).toEqual([]);

    // the WebSocket drops; events are sent while it is down
    step('cut = true;');
    cut = true;
    for (const r of routes) await r.close({ code: 1013, reason: 'network down' });
    await utrecht.page.locator('[data-connection="reconnecting"]').waitFor({ timeout: 10_000 });
    expect((await hub.gql('police', 'mutation { setCameraStatus(id: "utrecht-neude-1", status: MAINTENANCE, reason: "while offline") { status } }')).errors).toBeUndefined();
    const signal = await hub.gql('police', 'mutation($i: ShareSignalInput!) { shareSignal(input: $i) { id } }', {
      i: { municipality: 'GM0344', category: 'GRAFFITI', description: 'Tag on the Dom tower door', street: 'Domplein', observedAt: hub.clock.now().toISOString() },
    });
    expect(signal.errors).toBeUndefined();
    await new Promise((r) => setTimeout(r, 1000));
    expect(await feedText(utrecht.page)).not.toMatch(/while offline/);
    step('cut = false;');
    cut = false; // restored: the client reconnects and resumes after the last event it saw
    await connected(utrecht.page);
    await utrecht.page.locator('[data-testid="feed"] li', { hasText: 'while offline' }).waitFor({ timeout: 15_000 });
    await utrecht.page.locator('[data-testid="feed"] li', { hasText: 'Tag on the Dom tower door' }).waitFor({ timeout: 15_000 });
    expect(await utrecht.page.locator('[data-testid="feed"] li', { hasText: 'cable cut' }).count()).toBe(1); // nothing twice

    step('// The Hague saw none of it');
    // The Hague saw none of it
    const hagueFeed = await feedText(hague.page);
    expect(hagueFeed).not.toMatch(/cable cut|while offline|Dom tower/);
    expect(await hague.page.locator('tr[data-camera="utrecht-neude-1"]').count()).toBe(0);
    await utrecht.context.close();
    await hague.context.close();
  }, BROWSER_TEST_MS);
});
