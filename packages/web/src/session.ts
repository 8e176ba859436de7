// Who is signed in. Tokens live in memory only (never localStorage) and are renewed before they
// expire; when that fails the session ends and the user is told. Development: a picker of demo
// identities (the gateway's /auth/dev-token, absent in production). Production: OpenID Connect,
// authorization code with PKCE (oauth4webapi) against the issuer the gateway trusts.
import * as oauth from 'oauth4webapi';

export interface AppConfig {
  devSignIn: boolean;
  tileUrl: string | null;
  tileAttribution: string | null;
  oidc: { issuer: string; clientId: string; scope: string; audience: string | null } | null;
}
export interface Identity {
  kind: string;
  sub: string;
  org?: string;
  municipality?: string;
}

let config: AppConfig = { devSignIn: false, tileUrl: null, tileAttribution: null, oidc: null };
export const appConfig = () => config;
export async function loadConfig(): Promise<AppConfig> {
  try {
    const res = await fetch(new URL('config.json', document.baseURI));
    if (res.ok) config = { ...config, ...((await res.json()) as Partial<AppConfig>) };
  } catch {
    // a static host without config.json: public pages only
  }
  return config;
}

function decodeClaims(token: string): Identity {
  const part = token.split('.')[1] ?? '';
  const json = atob(
    part
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(part.length / 4) * 4, '='),
  );
  const c = JSON.parse(json) as Record<string, string>;
  return { kind: c.kind ?? 'public', sub: c.sub ?? '', org: c.org, municipality: c.municipality };
}

const PKCE_KEY = 'camhub.oidc';
const RENEW_BEFORE_MS = 60_000;

type Renew = () => Promise<{ token: string; expiresAt: number }>;

class Session {
  token: string | undefined;
  who: Identity | undefined;
  label: string | undefined;
  /** Set when a session ended by itself (renewal failed): the user is told. */
  ended = false;
  private expiresAt = 0;
  private renew: Renew | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private listeners = new Set<() => void>();

  subscribe(cb: () => void) {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }
  private changed() {
    for (const l of this.listeners) l();
  }

  async currentToken(): Promise<string | undefined> {
    if (this.token && Date.now() > this.expiresAt - 5_000) await this.refresh();
    return this.token;
  }

  private start(token: string, expiresAt: number, label: string, renew: Renew) {
    this.token = token;
    this.expiresAt = expiresAt;
    this.who = decodeClaims(token);
    this.label = label;
    this.renew = renew;
    this.ended = false;
    this.schedule();
    this.changed();
  }

  private schedule() {
    clearTimeout(this.timer);
    const wait = Math.max(this.expiresAt - Date.now() - RENEW_BEFORE_MS, 1_000);
    this.timer = setTimeout(() => void this.refresh(), Math.min(wait, 2 ** 31 - 1));
  }

  private async refresh() {
    if (!this.renew) return;
    try {
      const { token, expiresAt } = await this.renew();
      this.token = token;
      this.expiresAt = expiresAt;
      this.schedule();
    } catch {
      this.expired();
    }
  }

  /** The API refused the token, or renewing it failed: the session is over. */
  expired() {
    if (!this.token) return;
    this.clear();
    this.ended = true;
    this.changed();
  }

  signOut() {
    this.clear();
    this.ended = false;
    this.changed();
  }

  private clear() {
    clearTimeout(this.timer);
    this.token = undefined;
    this.who = undefined;
    this.label = undefined;
    this.renew = undefined;
  }

  /** Development: sign in as a demo identity. */
  async signInDev(identity: string, label: string) {
    const mint: Renew = async () => {
      const res = await fetch(new URL('auth/dev-token', document.baseURI), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identity }),
      });
      if (!res.ok) throw new Error(`dev sign-in refused (${res.status})`);
      const body = (await res.json()) as { token: string; expiresAt: string };
      return { token: body.token, expiresAt: Date.parse(body.expiresAt) };
    };
    const first = await mint();
    this.start(first.token, first.expiresAt, label, mint);
  }

  /** Production: send the browser to the identity provider (authorization code + PKCE). */
  async signInOidc() {
    const oidc = config.oidc;
    if (!oidc) throw new Error('OpenID Connect is not configured');
    const as = await discover(oidc.issuer);
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    // kept only across the redirect, then removed: never a token
    sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state, back: location.hash }));
    const url = new URL(as.authorization_endpoint!);
    url.searchParams.set('client_id', oidc.clientId);
    url.searchParams.set('redirect_uri', redirectUri());
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('scope', oidc.scope);
    url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
    url.searchParams.set('code_challenge_method', 'S256');
    url.searchParams.set('state', state);
    if (oidc.audience) url.searchParams.set('audience', oidc.audience);
    location.assign(url.toString());
  }

  /** Back from the identity provider: exchange the code (once) for tokens. */
  async completeOidc(): Promise<boolean> {
    const oidc = config.oidc;
    const saved = sessionStorage.getItem(PKCE_KEY);
    const here = new URL(location.href);
    if (!oidc || !saved || !here.searchParams.has('state')) return false;
    sessionStorage.removeItem(PKCE_KEY);
    const { verifier, state, back } = JSON.parse(saved) as { verifier: string; state: string; back: string };
    const as = await discover(oidc.issuer);
    const client: oauth.Client = { client_id: oidc.clientId };
    const auth = oauth.None();
    const params = oauth.validateAuthResponse(as, client, here, state);
    history.replaceState(null, '', `${here.pathname}${back || ''}`);
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      auth,
      params,
      redirectUri(),
      verifier,
      httpOptions(oidc.issuer),
    );
    const result = await oauth.processAuthorizationCodeResponse(as, client, response);
    const toSession = (r: oauth.TokenEndpointResponse) => ({
      token: r.access_token,
      expiresAt: Date.now() + (r.expires_in ?? 300) * 1000,
    });
    let refreshToken = result.refresh_token;
    const renew: Renew = async () => {
      if (!refreshToken) throw new Error('no refresh token');
      const r = await oauth.refreshTokenGrantRequest(as, client, auth, refreshToken, httpOptions(oidc.issuer));
      const next = await oauth.processRefreshTokenResponse(as, client, r);
      refreshToken = next.refresh_token ?? refreshToken;
      return toSession(next);
    };
    const first = toSession(result);
    const who = decodeClaims(first.token);
    this.start(first.token, first.expiresAt, who.sub, renew);
    return true;
  }
}

/**
 * oauth4webapi talks to https issuers only; a loopback issuer (a development or test identity
 * provider on this machine, RFC 8252 §8.3) may be plain http.
 */
const insecureOk = (issuer: string) => {
  const u = new URL(issuer);
  return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
};
const httpOptions = (issuer: string) => (insecureOk(issuer) ? { [oauth.allowInsecureRequests]: true } : {});

const discovered = new Map<string, Promise<oauth.AuthorizationServer>>();
function discover(issuer: string) {
  let p = discovered.get(issuer);
  if (!p) {
    const url = new URL(issuer);
    p = oauth.discoveryRequest(url, httpOptions(issuer)).then((res) => oauth.processDiscoveryResponse(url, res));
    discovered.set(issuer, p);
  }
  return p;
}
const redirectUri = () => `${location.origin}${location.pathname}`;

export const session = new Session();
