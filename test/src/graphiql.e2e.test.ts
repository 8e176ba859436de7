// GraphiQL in development is served from installed packages: with every request
// outside this machine refused, the IDE still loads, and runs a query against the hub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { bootHub, type Hub } from './harness.js';
import { launch } from './web/browser.js';

let hub: Hub;
let browser: Browser;
beforeAll(async () => {
  hub = await bootHub();
  browser = await launch();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

describe('GraphiQL', () => {
  it('its page names no script or style outside the hub', async () => {
    const res = await fetch(hub.url, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/graphiql/i);
    const external = [...html.matchAll(/(?:src|href)=["']?(https?:\/\/[^"'\s>]+)/g)].map((m) => m[1]);
    expect(external).toEqual([]);
    expect(html).not.toMatch(/unpkg\.com|jsdelivr|esm\.sh/);
  });

  it("loads and reads the hub's schema with no network beyond the hub", async () => {
    const context = await browser.newContext();
    const outside: string[] = [];
    await context.route('**/*', (route) => {
      const u = new URL(route.request().url());
      if (u.hostname === '127.0.0.1' || u.protocol === 'blob:' || u.protocol === 'data:') return route.continue();
      outside.push(u.href);
      return route.abort();
    });
    const page = await context.newPage();
    // GraphiQL asks the hub for its schema as soon as it runs: the IDE is alive and talks to the hub
    const introspected = page.waitForResponse(
      (r) => r.url() === hub.url && /IntrospectionQuery/.test(r.request().postData() ?? ''),
      { timeout: 60_000 },
    );
    try {
      await page.goto(hub.url, { waitUntil: 'load' });
      await page.locator('.graphiql-container').first().waitFor({ timeout: 60_000 });
      const schema = await (await introspected).json();
      expect(schema.data.__schema.queryType.name).toBe('Query');
      expect(await page.locator('body').innerText()).not.toMatch(/Loading/);
      expect(outside).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
