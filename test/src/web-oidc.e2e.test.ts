// Production sign-in of the web app against a real OpenID Connect provider (the `oidc-provider`
// package, started here on a loopback port): authorization code with PKCE (oauth4webapi in the
// browser), a JWT access token the gateway verifies through the provider's JWKS, the token kept in
// memory and refreshed before it expires, and the user told when the session ends. No dev sign-in.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import type { Browser } from 'playwright-core';
import { bootHub, type Hub } from './harness.js';
import { launch } from './web/browser.js';

const BROWSER_TEST_MS = 180_000;
/** The access token lives 62 s: the app renews a minute before expiry, so within a few seconds. */
const ACCESS_TOKEN_TTL_S = 62;
const CLIENT_ID = 'camhub-web';

let hub: Hub;
let browser: Browser;
let base: string;
let idp: Server;
let issuer: string;
const saved = { ...process.env };

async function startProvider(redirectUri: string, port = 0): Promise<Server> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'test-es256', alg: 'ES256', use: 'sig' };
  const server = createServer();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        token_endpoint_auth_method: 'none',
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks: { keys: [jwk as never] },
    cookies: { keys: ['test-cookie-key-not-secret'] },
    scopes: ['openid', 'profile', 'offline_access'],
    features: {
      devInteractions: { enabled: true }, // the provider's own login form (any name, any password)
      resourceIndicators: {
        enabled: true,
        defaultResource: () => 'urn:camhub',
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'api',
          audience: 'camhub',
          accessTokenTTL: ACCESS_TOKEN_TTL_S,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'ES256' } },
        }),
      },
    },
    // the organisation's directory says who the user is to the hub: a Utrecht official
    extraTokenClaims: () => ({ kind: 'municipality', org: 'gemeente-utrecht-oov', municipality: 'GM0344' }),
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id }) }),
    // consent is the organisation's business: granted without asking in this test
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope('openid profile offline_access');
      grant.addResourceScope('urn:camhub', 'api');
      await grant.save();
      return grant;
    },
    issueRefreshToken: () => true,
  });
  server.on('request', provider.callback());
  return server;
}

beforeAll(async () => {
  // the gateway trusts the provider: JWKS, issuer, audience; the app is configured for it
  const portProbe = createServer();
  await new Promise<void>((r) => portProbe.listen(0, '127.0.0.1', r));
  const idpPort = (portProbe.address() as AddressInfo).port;
  await new Promise((r) => portProbe.close(r));
  issuer = `http://127.0.0.1:${idpPort}`;
  Object.assign(process.env, {
    JWKS_URL: `${issuer}/jwks`,
    JWT_ISSUER: issuer,
    JWT_AUDIENCE: 'camhub',
    HUB_WEB_OIDC_CLIENT_ID: CLIENT_ID,
    HUB_WEB_OIDC_ISSUER: issuer,
  });
  hub = await bootHub();
  base = hub.url.replace(/graphql$/, '');
  idp = await startProvider(base, idpPort);
  browser = await launch();
}, BROWSER_TEST_MS);
afterAll(async () => {
  for (const k of ['JWKS_URL', 'JWT_ISSUER', 'JWT_AUDIENCE', 'HUB_WEB_OIDC_CLIENT_ID', 'HUB_WEB_OIDC_ISSUER']) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  await browser?.close();
  await hub?.close();
  idp?.closeAllConnections();
  await new Promise((r) => idp?.close(r));
});

describe('OpenID Connect sign-in (authorization code + PKCE)', () => {
  it(
    'signs in at the provider, uses the API as that official, renews the token before it expires, and tells the user when the session ends',
    async () => {
      const config = await (await fetch(`${base}config.json`)).json();
      expect(config).toMatchObject({ devSignIn: false, oidc: { issuer, clientId: CLIENT_ID } });
      expect((await fetch(`${base}auth/dev-token`)).status).toBe(404); // no second door

      // a real browser context: the gateway's CSP in force (it names the issuer for connect-src)
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
      const page = await context.newPage();
      const tokenCalls: string[] = [];
      page.on('request', (r) => {
        if (r.url().startsWith(`${issuer}/token`) && r.method() === 'POST') tokenCalls.push(r.postData() ?? '');
      });
      await page.goto(`${base}#/`);
      await page.locator('#h-oidc ~ button').click();
      // the provider's login page: PKCE was sent (S256), the code comes back to the app
      await page.waitForURL((u) => u.origin === issuer);
      expect(new URL(page.url()).origin).toBe(issuer);
      await page.fill('input[name="login"]', 'oov-utrecht-7');
      await page.fill('input[name="password"]', 'any');
      await page.click('button[type="submit"]');
      await page.waitForURL((u) => u.origin === new URL(base).origin);
      await page.locator('.who', { hasText: 'oov-utrecht-7' }).waitFor({ timeout: 30_000 });
      const exchange = tokenCalls.find((b) => b.includes('grant_type=authorization_code'));
      expect(exchange).toMatch(/code_verifier=/);
      // the code and state are gone from the address bar; no token in any storage
      expect(page.url()).not.toMatch(/code=|state=/);
      const stored = await page.evaluate(
        () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
      );
      expect(stored).not.toMatch(/eyJ/);

      // the API answers as the signed-in official: Utrecht's dashboard with its cameras
      await page.goto(`${base}#/dashboard`);
      await page.locator('tr[data-camera="utrecht-neude-1"]').waitFor({ timeout: 30_000 });
      await page.locator('[data-connection="connected"]').waitFor({ timeout: 30_000 });

      // renewed with the refresh token before the 62-second token expires
      for (let i = 0; i < 200 && !tokenCalls.some((b) => b.includes('grant_type=refresh_token')); i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(tokenCalls.some((b) => b.includes('grant_type=refresh_token'))).toBe(true);
      await page.locator('.who', { hasText: 'oov-utrecht-7' }).waitFor();

      // the provider goes away: the next renewal fails, the session ends, and the user is told
      idp.closeAllConnections();
      await new Promise((r) => idp.close(r));
      await page.locator('.banner[role="alert"]', { hasText: 'Your session has ended' }).waitFor({ timeout: 30_000 });
      expect(await page.locator('.who').count()).toBe(0);
      await context.close();
    },
    BROWSER_TEST_MS,
  );
});
