// Configuration shared by the one-process stack and the one-service-per-process launcher.
import {
  CALLER_ALGORITHMS,
  DEFAULT_AUDIENCE,
  DEV_ISSUER,
  createCallerVerifier,
  type DevKeys,
  type VerifyCaller,
} from '@hub/auth';

/** How callers' tokens are verified (env/gateway.ts jwtShape). */
export interface JwtSettings {
  JWKS_URL?: string;
  JWT_ISSUER?: string;
  JWT_AUDIENCE: string;
  JWT_ALGORITHMS: string[];
}

/** Production: the identity provider's JWKS; otherwise (dev, or HUB_DEV_KEYS=1) the local dev key pair. */
export function callerVerifier(devKeys: DevKeys | undefined, jwt: JwtSettings): VerifyCaller {
  if (jwt.JWKS_URL) {
    if (!jwt.JWT_ISSUER) throw new Error('JWT_ISSUER must be set when JWKS_URL is set');
    return createCallerVerifier({
      issuer: jwt.JWT_ISSUER,
      audience: jwt.JWT_AUDIENCE,
      algorithms: jwt.JWT_ALGORITHMS,
      jwksUrl: jwt.JWKS_URL,
    });
  }
  if (!devKeys) throw new Error('JWKS_URL is not set and no dev key pair was loaded');
  return createCallerVerifier({
    issuer: DEV_ISSUER,
    audience: DEFAULT_AUDIENCE,
    algorithms: [...CALLER_ALGORITHMS],
    jwks: { keys: [devKeys.publicJwk] },
  });
}

export interface WebSettings {
  JWT_ISSUER?: string;
  JWT_AUDIENCE: string;
  HUB_WEB_TILE_URL?: string;
  HUB_WEB_TILE_ATTRIBUTION?: string;
  HUB_WEB_OIDC_CLIENT_ID?: string;
  HUB_WEB_OIDC_ISSUER?: string;
  HUB_WEB_OIDC_SCOPE: string;
}

/**
 * The web app's runtime configuration (/config.json): map tiles (none: the map draws without a
 * background, nothing is fetched) and the OpenID Connect client for production sign-in.
 */
export function webConfig(c: WebSettings): Record<string, unknown> {
  const clientId = c.HUB_WEB_OIDC_CLIENT_ID;
  return {
    tileUrl: c.HUB_WEB_TILE_URL || null,
    tileAttribution: c.HUB_WEB_TILE_ATTRIBUTION || null,
    oidc: clientId
      ? {
          issuer: c.HUB_WEB_OIDC_ISSUER ?? c.JWT_ISSUER,
          clientId,
          scope: c.HUB_WEB_OIDC_SCOPE,
          audience: c.JWT_AUDIENCE ?? null,
        }
      : null,
  };
}
