// Browser tests drive Debian's Chromium (/usr/bin/chromium, `apt-get install -y chromium`) with
// playwright-core: no browser is ever downloaded, and nothing outside this machine is reached.
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const SCREENSHOTS = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A fresh page (own context: own memory, own session) on the hub's web app. */
export async function openApp(
  browser: Browser,
  base: string,
  hash = '#/',
  lang: 'nl' | 'en' = 'nl',
): Promise<{ context: BrowserContext; page: Page }> {
  // bypassCSP: axe-core is injected as an inline script; the app itself runs under the gateway's CSP
  const context = await browser.newContext({
    bypassCSP: true,
    viewport: { width: 1280, height: 900 },
    locale: lang === 'nl' ? 'nl-NL' : 'en-GB',
  });
  const page = await context.newPage();
  await page.goto(`${base}${hash}`);
  return { context, page };
}

/** Sign in with the development picker as one of the demo identities. */
export async function signIn(page: Page, identity: string) {
  await page.locator(`button[data-identity="${identity}"]`).click();
  await page.waitForFunction(() => !location.hash.match(/^#\/?$/));
}

/** axe-core injected into the page: the serious and critical violations (an empty list passes). */
export async function seriousViolations(
  page: Page,
): Promise<Array<{ id: string; impact: string; help: string; nodes: string[] }>> {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => {
    const r = await (window as any).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return r.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n: any) => n.target.join(' ')),
    }));
  });
  return result.filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical');
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0)); // the top of the page, whatever the test scrolled to
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: false });
}
