// The hub's web app in a real browser (Debian's Chromium via playwright-core) against the real hub,
// the app built and served by the gateway at /. Every page is checked with axe-core and saved as a
// screenshot into docs/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { seedHistory } from '@hub/stack';
import { bootHub, DAY, type Hub } from './harness.js';
import { SCREENSHOTS, launch, openApp, screenshot, seriousViolations, signIn } from './web/browser.js';

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
  // the demo city's history, made through the API as `npm start` makes it: every page has content
  const history = await seedHistory(hub.stack, hub.clock.now);
  step(`history made in ${history.ms} ms: ${JSON.stringify(history.counts)}`);
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
    expect(ids.identities.map((i: { id: string }) => i.id)).toEqual(
      expect.arrayContaining(['municipality-utrecht', 'municipality-den-haag', 'police']),
    );
    const api = await hub.gql('public', '{ registrationCounts { municipality } }');
    expect(api.errors).toBeUndefined();
    const bad = await fetch(`${base}auth/dev-token`, {
      method: 'POST',
      body: '{"identity":"root"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    expect((await fetch(`${base}../../etc/passwd`)).status).not.toBe(200);
  });
});

describe('municipality live dashboard', () => {
  it(
    "a police status change appears on Utrecht's dashboard within 2 s (median of three after a warm-up) and never on The Hague's; after the WebSocket is cut and restored the events sent meanwhile appear",
    async () => {
      const utrecht = await openApp(browser, base);
      // the test holds the page's WebSocket: it can cut it (and refuse reconnects) and restore it
      let cut = false;
      const routes: WebSocketRoute[] = [];
      // every event the hub sent the page, as sent: the test sends some again (a repeat)
      const delivered: string[] = [];
      await utrecht.page.routeWebSocket(/\/graphql$/, (ws) => {
        if (cut) return void ws.close({ code: 1013, reason: 'network down' });
        const server = ws.connectToServer();
        ws.onMessage((m) => server.send(m));
        server.onMessage((m) => {
          if (typeof m === 'string' && m.includes('"type":"next"')) delivered.push(m);
          ws.send(m);
        });
        routes.push(ws);
      });
      await signIn(utrecht.page, 'municipality-utrecht');
      const hague = await openApp(browser, base);
      await signIn(hague.page, 'municipality-den-haag');
      await connected(utrecht.page);
      await connected(hague.page);
      await utrecht.page.locator('tr[data-camera="utrecht-neude-1"]').waitFor();
      await new Promise((r) => setTimeout(r, 500)); // the gateway holds both upstream subscriptions

      // When each status change's row appears in Utrecht's feed, stamped in the page by a
      // MutationObserver (the same machine's clock as the test's): no polling between the DOM and us.
      await utrecht.page.evaluate(() => {
        const seen: Record<string, number> = {};
        (window as any).__feedSeen = seen;
        const look = () => {
          for (const li of document.querySelectorAll('[data-testid="feed"] li[data-kind="status"]')) {
            const reason = (li.textContent ?? '').split(' — ').pop(); // "<time> — <camera>: A → B — <reason>"
            if (reason && !(reason in seen)) seen[reason] = Date.now();
          }
        };
        new MutationObserver(look).observe(document.body, { childList: true, subtree: true, characterData: true });
        look();
      });
      /** A police status change of Neude: ms from the mutation's start to its row in Utrecht's feed. */
      const timedChange = async (status: string, reason: string) => {
        const started = Date.now();
        const change = await hub.gql(
          'police',
          'mutation($s: CameraStatus!, $r: String) { setCameraStatus(id: "utrecht-neude-1", status: $s, reason: $r) { status } }',
          { s: status, r: reason },
        );
        expect(change.errors).toBeUndefined();
        await utrecht.page.waitForFunction((r) => (window as any).__feedSeen[r] !== undefined, reason, {
          timeout: 20_000,
        });
        return (await utrecht.page.evaluate((r) => (window as any).__feedSeen[r] as number, reason)) - started;
      };
      // a warm-up change proves the subscription live end to end (its first event may wait on the
      // gateway's upstream subscription); then the latency of three further changes is what is judged
      const warmUp = await timedChange('OFFLINE', 'cable cut');
      const probes: number[] = [];
      for (const [i, status] of (['ACTIVE', 'OFFLINE', 'ACTIVE'] as const).entries()) {
        probes.push(await timedChange(status, `latency probe ${i + 1}`));
        await new Promise((r) => setTimeout(r, 200));
      }
      const median = [...probes].sort((a, b) => a - b)[1]!;
      console.log(
        `[web] police status change → Utrecht's dashboard: warm-up ${warmUp} ms; then ${probes.join(', ')} ms (median ${median} ms)`,
      );
      // the web app's target: within 2 s; every one within 10 s even on a busy CI machine
      expect(median).toBeLessThanOrEqual(2000);
      for (const ms of probes) expect(ms).toBeLessThanOrEqual(10_000);
      expect(
        await utrecht.page.locator('tr[data-camera="utrecht-neude-1"] td[data-status]').getAttribute('data-status'),
      ).toBe('ACTIVE');
      // footage per month (the demo history's recordings) as a chart beside its table
      await utrecht.page.locator('#h-stats ~ .chart canvas').waitFor();
      await screenshot(utrecht.page, 'municipality-dashboard');
      step('expect(await seriousViolations');
      expect(await seriousViolations(utrecht.page)).toEqual([]);

      // the WebSocket drops; events are sent while it is down
      step('cut = true;');
      cut = true;
      for (const r of routes) await r.close({ code: 1013, reason: 'network down' });
      await utrecht.page.locator('[data-connection="reconnecting"]').waitFor({ timeout: 10_000 });
      expect(
        (
          await hub.gql(
            'police',
            'mutation { setCameraStatus(id: "utrecht-neude-1", status: MAINTENANCE, reason: "while offline") { status } }',
          )
        ).errors,
      ).toBeUndefined();
      const signal = await hub.gql('police', 'mutation($i: ShareSignalInput!) { shareSignal(input: $i) { id } }', {
        i: {
          municipality: 'GM0344',
          category: 'GRAFFITI',
          description: 'Tag on the Dom tower door',
          street: 'Domplein',
          observedAt: hub.clock.now().toISOString(),
        },
      });
      expect(signal.errors).toBeUndefined();
      await new Promise((r) => setTimeout(r, 1000));
      expect(await feedText(utrecht.page)).not.toMatch(/while offline/);
      step('cut = false;');
      cut = false; // restored: the client reconnects and resumes after the last event it saw
      await connected(utrecht.page);
      await utrecht.page.locator('[data-testid="feed"] li', { hasText: 'while offline' }).waitFor({ timeout: 15_000 });
      await utrecht.page
        .locator('[data-testid="feed"] li', { hasText: 'Tag on the Dom tower door' })
        .waitFor({ timeout: 15_000 });
      expect(await utrecht.page.locator('[data-testid="feed"] li', { hasText: 'cable cut' }).count()).toBe(1); // nothing twice

      // an event may arrive again (the client resubscribed while it was on its way, or the
      // gateway re-subscribed upstream from an older position). The page drops every event at or
      // before the last one it showed: here the hub's own messages, sent again on the live socket
      const repeats = delivered.filter((m) => /cable cut|while offline|Dom tower/.test(m));
      expect(repeats.length).toBeGreaterThanOrEqual(3);
      const feedBefore = await utrecht.page.locator('[data-testid="feed"] li').count();
      const live = routes[routes.length - 1]!;
      for (const m of repeats) live.send(m);
      await new Promise((r) => setTimeout(r, 1500)); // time to (wrongly) show them
      // a probe sent after the repeats proves they were all handled before we look
      expect(
        (
          await hub.gql(
            'police',
            'mutation { setCameraStatus(id: "utrecht-neude-1", status: ACTIVE, reason: "repaired after repeats") { status } }',
          )
        ).errors,
      ).toBeUndefined();
      await utrecht.page
        .locator('[data-testid="feed"] li', { hasText: 'repaired after repeats' })
        .waitFor({ timeout: 15_000 });
      expect(await utrecht.page.locator('[data-testid="feed"] li').count()).toBe(feedBefore + 1);
      for (const text of ['cable cut', 'while offline', 'Tag on the Dom tower door'])
        expect(await utrecht.page.locator('[data-testid="feed"] li', { hasText: text }).count(), text).toBe(1);
      // newest first, and no stale repeat set the camera back to an older status
      expect(await utrecht.page.locator('[data-testid="feed"] li').first().innerText()).toMatch(
        /repaired after repeats/,
      );
      expect(
        await utrecht.page.locator('tr[data-camera="utrecht-neude-1"] td[data-status]').getAttribute('data-status'),
      ).toBe('ACTIVE');
      live.send(repeats[0]!); // the oldest again, after the newest: still dropped
      await new Promise((r) => setTimeout(r, 1000));
      expect(
        await utrecht.page.locator('tr[data-camera="utrecht-neude-1"] td[data-status]').getAttribute('data-status'),
      ).toBe('ACTIVE');
      expect(await utrecht.page.locator('[data-testid="feed"] li').count()).toBe(feedBefore + 1);

      step('// The Hague saw none of it');
      // The Hague saw none of it
      const hagueFeed = await feedText(hague.page);
      expect(hagueFeed).not.toMatch(/cable cut|latency probe|while offline|Dom tower/);
      expect(await hague.page.locator('tr[data-camera="utrecht-neude-1"]').count()).toBe(0);
      await utrecht.context.close();
      await hague.context.close();
    },
    BROWSER_TEST_MS,
  );
});

describe('the demo history (made through the API relative to now)', () => {
  it(
    'gives the README examples real content: a retention proof that deleted and held back, 0 violations, an audit chain with entries, requests in every reachable state',
    async () => {
      const now = hub.clock.now().getTime();
      const r = await hub.gql(
        'authority',
        `query($f: DateTime!, $t: DateTime!) {
      retentionReport(from: $f, to: $t) { violationCount proofs { deletedCount heldBackCount } }
      verifyAuditChain { ok checked }
      privateCameraRegistrations(filter: { filmsPublicSpace: true }) { edges { node { complianceFlags } } }
    }`,
        { f: new Date(now - 86_400_000).toISOString(), t: new Date(now + 60_000).toISOString() },
      );
      expect(r.errors).toBeUndefined();
      expect(r.data!.retentionReport.violationCount).toBe(0);
      expect(r.data!.retentionReport.proofs.some((p: any) => p.deletedCount >= 2 && p.heldBackCount >= 1)).toBe(true);
      expect(r.data!.verifyAuditChain.ok).toBe(true);
      expect(r.data!.verifyAuditChain.checked).toBeGreaterThan(5);
      const flags = r.data!.privateCameraRegistrations.edges.flatMap((e: any) => e.node.complianceFlags);
      expect(flags).toEqual(
        expect.arrayContaining(['RETENTION_TOO_LONG', 'PUBLIC_SPACE_WITHOUT_SIGNAGE', 'CONFIRMATION_OVERDUE']),
      );
      const q = await hub.gql('police', '{ footageRequests(first: 100) { edges { node { kind status } } } }');
      const statuses = new Set(q.data!.footageRequests.edges.map((e: any) => e.node.status));
      for (const s of ['SUBMITTED', 'IN_REVIEW', 'APPROVED', 'FULFILLED', 'REJECTED', 'EXPIRED', 'CLOSED'])
        expect(statuses).toContain(s);
      // an access request received by letter 40 days ago, registered with that date: overdue
      const overdue = await hub.gql(
        'authority',
        '{ overdueAccessRequests { edges { node { channel daysOverdue } } } }',
      );
      expect(overdue.errors).toBeUndefined();
      expect(overdue.data!.overdueAccessRequests.edges.map((e: any) => e.node)).toContainEqual({
        channel: 'LETTER',
        daysOverdue: expect.any(Number),
      });
      expect(overdue.data!.overdueAccessRequests.edges[0].node.daysOverdue).toBeGreaterThanOrEqual(8);
      const counts = await hub.gql(
        'municipality',
        `query($f: DateTime!, $t: DateTime!) { anprCounts(cameraId: "antwerpen-noorderlaan-1", from: $f, to: $t, bucket: HOUR) { count } }`,
        {
          f: new Date(now - 86_400_000).toISOString(),
          t: new Date(now).toISOString(),
        },
      );
      // Utrecht may not count Antwerp's passages; Antwerp may
      expect(counts.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const antwerp = await hub.gql(
        { kind: 'municipality', sub: 'oov-antwerpen-1', org: 'stad-antwerpen-veiligheid', municipality: '11002' },
        `query($f: DateTime!, $t: DateTime!) { anprCounts(cameraId: "antwerpen-noorderlaan-1", from: $f, to: $t, bucket: HOUR) { count } }`,
        {
          f: new Date(now - 86_400_000).toISOString(),
          t: new Date(now).toISOString(),
        },
      );
      expect(antwerp.data!.anprCounts.reduce((n: number, c: any) => n + c.count, 0)).toBeGreaterThan(100);
      const hits = await hub.gql('police', '{ hotlists { id name } }');
      const hitList = await hub.gql('police', 'query($h: ID!) { anprHits(hotlistId: $h) { id } }', {
        h: hits.data!.hotlists[0].id,
      });
      expect(hitList.data!.anprHits.length).toBeGreaterThanOrEqual(3);
      // a client sending null for unset filter fields gets the unfiltered log (not an empty one)
      const log = await hub.gql(
        'authority',
        'query($f: AuditFilterInput) { auditLog(first: 5, filter: $f) { edges { node { seq } } } }',
        { f: { actorKind: null, action: null, from: null } },
      );
      expect(log.data!.auditLog.edges.length).toBe(5);
      // the police watched Almere's centre live twice (one session closed, one running out): the authority sees both
      const watched = await hub.gql(
        'authority',
        'query($f: DateTime!, $t: DateTime!) { liveViewSessions(from: $f, to: $t) { camera { id } purpose closedAt } }',
        { f: new Date(now - 86_400_000).toISOString(), t: new Date(now + 60_000).toISOString() },
      );
      expect(watched.errors).toBeUndefined();
      expect(watched.data!.liveViewSessions.map((v: any) => [v.camera.id, v.closedAt === null]).sort()).toEqual([
        ['almere-grote-markt-1', true],
        ['almere-stationsplein-1', false],
      ]);
      // a second start finds the history and makes nothing
      expect((await seedHistory(hub.stack, hub.clock.now)).made).toBe(false);
    },
    BROWSER_TEST_MS,
  );
});

describe('business portal', () => {
  it(
    'a company registers a camera through the form (an API refusal shown at its field), sees its flags explained, and another company cannot find it',
    async () => {
      const { context, page } = await openApp(browser, base);
      await signIn(page, 'company');
      await page.locator('#f-ownerName').waitFor();
      await page.fill('#f-ownerName', 'Fietsenwinkel Oudegracht');
      await page.fill('#f-address', 'Oudegracht 150, Utrecht');
      await page.fill('#f-purpose', 'Diefstalpreventie');
      await page.fill('#f-retentionDays', '45');
      await page.check('text=De camera filmt (ook) openbare ruimte');
      await page.uncheck('text=Er hangt een bord dat op de camera wijst');
      await page.fill('#f-contactName', 'K. Smit');
      await page.fill('#f-contactPhone', '+31 30 7654321');
      await page.fill('#f-contactEmail', 'k@example.nl');
      // films public space, but says not which part: the API refuses, the message is at that field
      await page.click('button[type="submit"]');
      const err = page.locator('[data-error-for="f-publicSpaceDescription"]');
      await err.waitFor();
      expect(await err.innerText()).toMatch(/public space/);
      expect(await page.locator('#f-publicSpaceDescription').getAttribute('aria-invalid')).toBe('true');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'business-form-error');
      await page.fill('#f-publicSpaceDescription', 'stoep en fietsenrekken');
      await page.click('button[type="submit"]');
      const article = page.locator('article[data-registration]', { hasText: 'Fietsenwinkel Oudegracht' });
      await article.waitFor();
      const id = await article.getAttribute('data-registration');
      expect(
        await article.locator('li[data-flag]').evaluateAll((els) => els.map((e) => e.getAttribute('data-flag'))),
      ).toEqual(expect.arrayContaining(['RETENTION_TOO_LONG', 'PUBLIC_SPACE_WITHOUT_SIGNAGE']));
      expect(await article.innerText()).toMatch(/geen bord/);
      await screenshot(page, 'business-portal');
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();

      // the other company: not in its list, and NOT_FOUND by id
      const other = await openApp(browser, base);
      await signIn(other.page, 'company-2');
      await other.page.locator('article[data-registration]').first().waitFor();
      expect(await other.page.locator(`article[data-registration="${id}"]`).count()).toBe(0);
      expect(await other.page.locator('article[data-registration]', { hasText: 'Bakkerij De Neude' }).count()).toBe(1);
      const hidden = await hub.gql(
        { kind: 'company', sub: 'bakkerij-1', org: 'KVK-30999888' },
        'query($id: ID!) { privateCameraRegistration(id: $id) { id } }',
        { id },
      );
      expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      await other.context.close();
    },
    BROWSER_TEST_MS,
  );
});

describe('business portal: a camera in Antwerp (004)', () => {
  it(
    'the form asks the date of first use (refused at its field when missing), and a late declaration is flagged in plain language',
    async () => {
      const { context, page } = await openApp(browser, base);
      await signIn(page, 'company');
      await page.locator('#f-firstUseAt').waitFor();
      // labelled, with its hint
      expect(await page.locator('label[for="f-firstUseAt"]').innerText()).toMatch(/Datum van eerste gebruik/);
      expect(await page.locator('#f-firstUseAt').getAttribute('aria-describedby')).toMatch(/f-firstUseAt-hint/);
      await page.fill('#f-ownerName', 'Frituur Groenplaats');
      await page.fill('#f-address', 'Groenplaats 3, Antwerpen');
      await page.fill('#f-latitude', '51.2190');
      await page.fill('#f-longitude', '4.4010');
      await page.fill('#f-purpose', 'Inbraakpreventie');
      await page.fill('#f-contactName', 'L. Peeters');
      await page.fill('#f-contactPhone', '+32 3 1234567');
      await page.fill('#f-contactEmail', 'l@example.be');
      await page.selectOption('#f-municipality', '11002');
      // in Belgium the date of first use is required: the API's refusal is shown at that field
      await page.click('button[type="submit"]');
      const err = page.locator('[data-error-for="f-firstUseAt"]');
      await err.waitFor();
      expect(await err.innerText()).toMatch(/firstUseAt is required .*Belgium/);
      expect(await page.locator('#f-firstUseAt').getAttribute('aria-invalid')).toBe('true');
      expect(await seriousViolations(page)).toEqual([]);
      // first used before today: declared late, and told so in plain language
      const used = new Date(hub.clock.now().getTime() - 30 * DAY).toISOString().slice(0, 10);
      await page.fill('#f-firstUseAt', used);
      await page.click('button[type="submit"]');
      const status = page.locator('[data-registered]');
      await status.waitFor();
      expect(await status.locator('li[data-flag]').getAttribute('data-flag')).toBe('DECLARED_AFTER_FIRST_USE');
      expect(await status.innerText()).toMatch(/pas aangegeven nadat hij in gebruik was genomen/);
      const id = await status.getAttribute('data-registered');
      const article = page.locator(`article[data-registration="${id}"]`);
      await article.waitFor();
      expect(await article.locator('li[data-flag]').getAttribute('data-flag')).toBe('DECLARED_AFTER_FIRST_USE');
      expect(await article.locator('[data-first-use]').getAttribute('data-first-use')).toBe(`${used}T00:00:00.000Z`);
      expect(await seriousViolations(page)).toEqual([]);
      // the declaration with its flag, where the company reads it
      await article.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOTS}business-antwerp.png`, fullPage: false });
      // what the API holds: the declared date and the flag
      const r = await hub.gql(
        'company',
        'query($id: ID!) { privateCameraRegistration(id: $id) { firstUseAt complianceFlags municipality } }',
        {
          id,
        },
      );
      expect(r.data!.privateCameraRegistration).toEqual({
        firstUseAt: `${used}T00:00:00.000Z`,
        complianceFlags: ['DECLARED_AFTER_FIRST_USE'],
        municipality: '11002',
      });
      await context.close();
    },
    BROWSER_TEST_MS,
  );
});

describe('citizen', () => {
  it(
    'files an access request (a refused field shown at that field) and sees its status and due date',
    async () => {
      const { context, page } = await openApp(browser, base, '#/', 'en');
      await signIn(page, 'citizen');
      // the demo history: the citizen's own requests, one answered with a viewing appointment
      await page.locator('[data-testid="my-requests"] tr[data-status="FULFILLED"]').waitFor();
      expect(await page.locator('[data-testid="my-requests"]').innerText()).toMatch(/You may view the footage/);
      await page.selectOption('#c-camera', 'utrecht-neude-1');
      await page.fill('#c-description', 'Yellow raincoat');
      await page.click('button[type="submit"]');
      const err = page.locator('[data-error-for="c-place"]');
      await err.waitFor();
      expect(await err.innerText()).toMatch(/place is required/);
      await page.fill('#c-place', 'Neude, by the bakery');
      const before = await page.locator('[data-testid="my-requests"] tbody tr').count();
      await page.click('button[type="submit"]');
      await page.locator('[data-testid="filed"]').waitFor();
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="my-requests"] tbody tr').length === n + 1,
        before,
      );
      const row = page.locator('[data-testid="my-requests"] tr', { hasText: 'Neude, by the bakery' });
      expect(await row.getAttribute('data-status')).toBe('SUBMITTED');
      // due one month after filing (GDPR art. 12(3))
      const due = new Date((await row.locator('td[data-due]').getAttribute('data-due'))!);
      const filed = hub.clock.now();
      expect(due.getTime() - filed.getTime()).toBeGreaterThan(27 * 86_400_000);
      expect(due.getTime() - filed.getTime()).toBeLessThan(32 * 86_400_000);
      expect(await page.locator('[data-testid="filed"]').innerText()).toMatch(/answered by/);
      await screenshot(page, 'citizen');
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );
});

describe('authority', () => {
  it(
    'sees the chain verified, 0 retention violations with proofs, a searchable audit log, flagged registrations and the access rules',
    async () => {
      const { context, page } = await openApp(browser, base);
      await signIn(page, 'authority');
      await page.locator('[data-chain="ok"]').waitFor({ timeout: 30_000 });
      expect(await page.locator('[data-violations]').getAttribute('data-violations')).toBe('0');
      expect(await page.locator('[data-testid="proofs"] tbody tr').count()).toBeGreaterThan(0);
      await page.locator('[data-testid="audit-log"] tbody tr').first().waitFor();
      await page.fill('#a-action', 'anpr.search');
      await page.click('form[role="search"] button[type="submit"]');
      await page.waitForFunction(() => {
        const rows = [...document.querySelectorAll('[data-testid="audit-log"] tbody tr')];
        return rows.length > 0 && rows.every((r) => r.getAttribute('data-action') === 'anpr.search');
      });
      expect(await page.locator('[data-testid="audit-log"]').innerText()).toMatch(/gestolen voertuig/);
      await page.locator('[data-testid="public-space"] li[data-flag="RETENTION_TOO_LONG"]').first().waitFor();
      // the demo history's declaration taken over from an earlier register, never confirmed since
      await page.locator('[data-testid="public-space"] li[data-flag="CONFIRMATION_OVERDUE"]').first().waitFor();
      // the demo history's access request received by letter 40 days ago and registered late: overdue
      const letter = page.locator('[data-testid="overdue"] tr[data-channel="LETTER"]').first();
      await letter.waitFor();
      expect(await letter.innerText()).toMatch(/Per brief/);
      await page
        .locator('section[aria-labelledby="h-overdue"]')
        .screenshot({ path: `${SCREENSHOTS}authority-overdue.png` });
      expect(await page.locator('[data-testid="rules"] tbody tr').count()).toBeGreaterThan(20);
      await screenshot(page, 'authority');
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'what the API refuses is shown as refused: a citizen on the oversight page',
    async () => {
      const { context, page } = await openApp(browser, base, '#/', 'en');
      await signIn(page, 'citizen');
      await page.goto(`${base}#/authority`);
      // the app does not hide the page: the API refuses each part, and the page says so
      await page.locator('#h-chain ~ .errors', { hasText: 'Not allowed' }).waitFor();
      await page.locator('#h-audit ~ .errors', { hasText: 'Not allowed' }).waitFor();
      expect(await page.locator('[data-chain]').count()).toBe(0);
      expect(await page.locator('[data-testid="audit-log"]').count()).toBe(0);
      await context.close();
    },
    BROWSER_TEST_MS,
  );
});

describe('police', () => {
  it(
    'picks a point on the map for the cameras near it, reads recordings only with a purpose, and sees the request queue with deadlines',
    async () => {
      const { context, page } = await openApp(browser, base);
      await signIn(page, 'police');
      await page.locator('#h-near').waitFor();
      // the map starts on Utrecht's centre: a click there asks who may have filmed it (within 500 m)
      await page.selectOption('#p-radius', '500');
      await page.locator('#h-near ~ .grid .map').click();
      await page.locator('[data-testid="near"] tbody tr').first().waitFor();
      expect(await page.locator('[data-testid="near"] tr[data-source="PUBLIC"]').count()).toBeGreaterThan(0);
      // recordings without a purpose: refused, at the purpose field
      await page.fill('#r-camera', 'utrecht-domplein-1');
      await page.click('#h-recordings ~ form button[type="submit"]');
      const err = page.locator('[data-error-for="r-purpose"]');
      await err.waitFor();
      expect(await err.innerText()).toMatch(/purpose is required/);
      expect(await page.locator('[data-testid="recordings"]').count()).toBe(0);
      await page.fill('#r-purpose', 'PL0900-2026-500 test');
      await page.click('#h-recordings ~ form button[type="submit"]');
      await page.locator('[data-testid="recordings"] tbody tr').first().waitFor();
      expect(await page.locator('[data-testid="recordings"] tbody tr').count()).toBeGreaterThan(3);
      // the queue: open requests first, each with its deadline
      await page.locator('[data-testid="queue"] tr[data-status="SUBMITTED"]').first().waitFor();
      for (const s of ['IN_REVIEW', 'APPROVED', 'FULFILLED', 'REJECTED', 'EXPIRED', 'CLOSED']) {
        expect(await page.locator(`[data-testid="queue"] tr[data-status="${s}"]`).count()).toBeGreaterThan(0);
      }
      const submitted = page.locator('[data-testid="queue"] tr[data-status="SUBMITTED"]').first();
      const id = await submitted.getAttribute('data-request');
      await submitted.locator('button').click();
      await page.locator(`[data-testid="queue"] tr[data-request="${id}"][data-status="IN_REVIEW"]`).waitFor();
      // an access request handed in at the desk 20 days ago: registered with that day, due a month after it
      const received = new Date(Date.now() - 20 * 86_400_000);
      const local = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
      await page.fill('#rr-received', local(received));
      await page.fill('#rr-from', local(new Date(received.getTime() - 2 * 86_400_000)));
      await page.fill('#rr-to', local(new Date(received.getTime() - 2 * 86_400_000 + 1_800_000)));
      await page.fill('#rr-place', 'Vredenburg, bushalte');
      await page.selectOption('#rr-channel', 'DESK');
      // no description: refused, nothing registered
      await page.click('#h-received ~ form button[type="submit"]');
      await page.locator('#h-received ~ [role="alert"], [data-error-for="rr-description"]').first().waitFor();
      expect(await page.locator('[data-testid="received-done"]').count()).toBe(0);
      await page.fill('#rr-description', 'Rode jas, fiets aan de hand');
      await page.click('#h-received ~ form button[type="submit"]');
      const done = page.locator('[data-testid="received-done"]');
      await done.waitFor();
      expect(await done.innerText()).toMatch(/balie|desk/i);
      const due = await hub.gql(
        'police',
        '{ footageRequests(first: 100) { edges { node { channel receivedAt dueAt } } } }',
      );
      const mine = due.data!.footageRequests.edges.map((e: any) => e.node).filter((n: any) => n.channel === 'DESK');
      expect(mine).toHaveLength(1);
      // the month runs from receipt, not from registration (AVG art. 12(3))
      expect(Date.parse(mine[0].dueAt) - Date.parse(mine[0].receivedAt)).toBeGreaterThanOrEqual(28 * 86_400_000);
      expect(Date.parse(mine[0].dueAt)).toBeLessThan(Date.now() + 12 * 86_400_000);
      await screenshot(page, 'police');
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );
});

describe('public transparency page and open data', () => {
  it(
    'shows a municipality’s register on the map and as a list without signing in; the same register is GeoJSON and CSV',
    async () => {
      const { context, page } = await openApp(browser, base, '#/public/GM0344');
      await page.locator('[data-testid="register"] tr[data-camera="utrecht-neude-1"]').waitFor();
      const listed = await page.locator('[data-testid="register"] tbody tr').count();
      expect(listed).toBeGreaterThan(10);
      expect(await page.locator('.leaflet-interactive').count()).toBe(listed);
      // automatic deletion works: nothing the last run missed, and the date of that run's proof
      // (the demo history ran retention); no proof details, and no council report (003 §6.1: to the council)
      await page.locator('[data-testid="deletion"] [data-violations="0"]').waitFor();
      const lastProof = await page
        .locator('[data-testid="deletion"] [data-last-proof]')
        .getAttribute('data-last-proof');
      expect(Date.parse(lastProof!)).toBeGreaterThan(hub.clock.now().getTime() - 3_600_000);
      expect(await page.locator('#h-deletion ~ *').allInnerTexts()).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/[0-9a-f]{64}/)]),
      );
      await screenshot(page, 'public-register');
      expect(await seriousViolations(page)).toEqual([]);
      const geo = await fetch(
        await page
          .locator('[data-testid="geojson"]')
          .getAttribute('href')
          .then((h) => new URL(h!, base).toString()),
      );
      expect(geo.headers.get('content-type')).toMatch(/geo\+json/);
      const fc = await geo.json();
      expect(fc.features.length).toBe(listed);
      expect(fc.features[0]).toMatchObject({ type: 'Feature', geometry: { type: 'Point' } });
      const csv = await (await fetch(`${base}open-data/GM0344/cameras.csv`)).text();
      expect(csv.trim().split('\r\n')).toHaveLength(listed + 1);
      expect(csv).toMatch(/utrecht-neude-1/);
      // nothing covert, nothing of another municipality
      expect(fc.features.every((f: any) => f.properties.municipality === 'GM0344')).toBe(true);
      // a code with no public cameras is an empty register; a malformed one is not a URL of the hub
      expect((await (await fetch(`${base}open-data/GM9999/cameras.geojson`)).json()).features).toEqual([]);
      expect((await fetch(`${base}open-data/GM0344;drop/cameras.csv`)).status).toBe(404);
      await context.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'the sign-in page lists the demo identities and passes axe',
    async () => {
      const { context, page } = await openApp(browser, base);
      await page.locator('button[data-identity="police"]').waitFor();
      await screenshot(page, 'sign-in');
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );
});

describe('police review', () => {
  it(
    'approve one footage request and refuse another through the queue, each shown with its deadline; a refusal without a reason is refused',
    async () => {
      // two reports about footage of two days ago (the demo history's evening hours)
      const dayStart = Math.floor(hub.clock.now().getTime() / DAY) * DAY;
      const windowStart = dayStart - 2 * DAY + 19 * 3_600_000;
      const file = async (n: number, cameraId: string) => {
        const r = await hub.gql(
          'police',
          'mutation($i: FileFootageRequestInput!) { fileFootageRequest(input: $i) { id status dueAt } }',
          {
            i: {
              kind: 'POLICE_REPORT',
              reportNumber: `PL0900-2026-95${n}`,
              cameraIds: [cameraId],
              windowStart: new Date(windowStart).toISOString(),
              windowEnd: new Date(windowStart + 3 * 3_600_000).toISOString(),
              place: `Review in the browser ${n}`,
              description: `Aangifte 95${n}`,
            },
          },
        );
        expect(r.errors).toBeUndefined();
        return r.data!.fileFootageRequest as { id: string; status: string; dueAt: string };
      };
      const approve = await file(1, 'utrecht-neude-1');
      const refuse = await file(2, 'utrecht-vredenburg-1');
      // the deadline of a police request: before the first footage of its window is deleted (28 days, 001)
      expect(Date.parse(approve.dueAt)).toBe(windowStart + 28 * DAY);

      const { context, page } = await openApp(browser, base, '#/', 'en');
      await signIn(page, 'police');
      const row = (id: string) => page.locator(`[data-testid="queue"] tr[data-request="${id}"]`);
      await row(approve.id).waitFor();
      expect(await row(approve.id).getAttribute('data-status')).toBe('SUBMITTED');
      expect(await row(approve.id).locator('td[data-due]').getAttribute('data-due')).toBe(approve.dueAt);
      expect(await row(refuse.id).locator('td[data-due]').getAttribute('data-due')).toBe(refuse.dueAt);

      // approve: start the review, then approve; the approval secures the footage (a legal hold)
      await row(approve.id).locator('button', { hasText: 'Start review' }).click();
      await page.locator(`[data-testid="queue"] tr[data-request="${approve.id}"][data-status="IN_REVIEW"]`).waitFor();
      await row(approve.id).locator('button', { hasText: 'Approve' }).click();
      await page.locator(`[data-testid="queue"] tr[data-request="${approve.id}"][data-status="APPROVED"]`).waitFor();
      let hold = '';
      for (let i = 0; i < 100 && hold !== 'PLACED'; i++) {
        const r = await hub.gql('police', 'query($id: ID!) { footageRequest(id: $id) { holdStatus } }', {
          id: approve.id,
        });
        hold = r.data!.footageRequest.holdStatus;
        if (hold !== 'PLACED') await new Promise((res) => setTimeout(res, 200));
      }
      expect(hold).toBe('PLACED');

      // refuse: a refusal needs its reason — without one the API refuses, and the page says so
      await row(refuse.id).locator('button', { hasText: 'Start review' }).click();
      await page.locator(`[data-testid="queue"] tr[data-request="${refuse.id}"][data-status="IN_REVIEW"]`).waitFor();
      page.once('dialog', (d) => void d.accept(''));
      await row(refuse.id).locator('button', { hasText: 'Reject' }).click();
      await page.locator('#h-queue ~ .errors', { hasText: 'a rejection needs a reason' }).waitFor();
      expect(await row(refuse.id).getAttribute('data-status')).toBe('IN_REVIEW');
      page.once('dialog', (d) => void d.accept('No offence: the report was withdrawn'));
      await row(refuse.id).locator('button', { hasText: 'Reject' }).click();
      await page.locator(`[data-testid="queue"] tr[data-request="${refuse.id}"][data-status="REJECTED"]`).waitFor();
      const refused = await hub.gql('police', 'query($id: ID!) { footageRequest(id: $id) { status decisionReason } }', {
        id: refuse.id,
      });
      expect(refused.data!.footageRequest).toEqual({
        status: 'REJECTED',
        decisionReason: 'No offence: the report was withdrawn',
      });
      await row(approve.id).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOTS}police-review.png`, fullPage: false });
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );
});

// Last in this file: it moves the hub's clock a year on (the subgraphs follow it) and back.
describe('business portal: the yearly confirmation, a change, a deregistration', () => {
  it(
    'a company changes a camera (a refused value shown at its field), confirms a lapsed declaration a year on, and deregisters a camera',
    async () => {
      const { context, page } = await openApp(browser, base, '#/', 'en');
      await signIn(page, 'company');
      const article = page.locator('article[data-registration]', { hasText: 'loods Atoomweg' });
      await article.waitFor();
      const id = (await article.getAttribute('data-registration'))!;
      const flags = () => article.locator('li[data-flag]').evaluateAll((els) => els.map((e) => e.dataset.flag));
      expect(await flags()).toEqual(['RETENTION_TOO_LONG']); // 60 days

      // change: 0 days is refused at the field, 28 clears the flag
      await article.locator('button', { hasText: 'Change' }).click();
      await page.fill(`#reg-${id}-retention`, '0');
      await article.locator('button[type="submit"]').click();
      const err = page.locator(`[data-error-for="reg-${id}-retention"]`);
      await err.waitFor();
      expect(await err.innerText()).toMatch(/retentionDays/);
      expect(await page.locator(`#reg-${id}-retention`).getAttribute('aria-invalid')).toBe('true');
      await page.fill(`#reg-${id}-retention`, '28');
      await article.locator('button[type="submit"]').click();
      await article.locator('li[data-flag="RETENTION_TOO_LONG"]').waitFor({ state: 'detached' });
      expect(await flags()).toEqual([]);
      await article.locator('p.ok').waitFor();

      // a year without the yearly confirmation: the declaration has lapsed; confirming brings it back
      const YEAR_ON = 366 * DAY;
      hub.clock.advance(YEAR_ON);
      try {
        await page.goto(`${base}#/public/GM0344`); // away and back: the portal reads its list again
        await page.goto(`${base}#/business`);
        await page.locator(`article[data-registration="${id}"][data-status="LAPSED"]`).waitFor();
        expect(await flags()).toEqual(['CONFIRMATION_OVERDUE']);
        expect(await article.innerText()).toMatch(/yearly confirmation .* overdue/i);
        await screenshot(page, 'business-lapsed');
        expect(await seriousViolations(page)).toEqual([]);
        await article.locator('button', { hasText: 'Confirm this is right' }).click();
        await page.locator(`article[data-registration="${id}"][data-status="ACTIVE"]`).waitFor();
        expect(await flags()).toEqual([]);
        const confirmed = Date.parse((await article.locator('[data-confirmed]').getAttribute('data-confirmed'))!);
        expect(Math.abs(confirmed - hub.clock.now().getTime())).toBeLessThan(10 * 60_000);
      } finally {
        hub.clock.advance(-YEAR_ON);
      }

      // deregister (the page asks first): final, no buttons left, and the API refuses a confirmation
      page.once('dialog', (d) => void d.accept());
      await article.locator('button', { hasText: 'Deregister' }).click();
      await page.locator(`article[data-registration="${id}"][data-status="DEREGISTERED"]`).waitFor();
      expect(await article.locator('button').count()).toBe(0);
      expect(await article.innerText()).toMatch(/Deregistered/);
      const again = await hub.gql('company', 'mutation($id: ID!) { confirmPrivateCamera(id: $id) { id } }', { id });
      expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      await article.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOTS}business-lifecycle.png`, fullPage: false });
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_MS,
  );
});
