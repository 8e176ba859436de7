// Configuration shared by the one-process stack and the one-service-per-process launcher.
import { CALLER_ALGORITHMS, DEFAULT_AUDIENCE, DEV_ISSUER, createCallerVerifier, type DevKeys, type VerifyCaller } from '@hub/auth';

/** Production: the identity provider's JWKS (JWKS_URL, JWT_ISSUER, …); otherwise the local dev key pair. */
export function callerVerifier(devKeys: DevKeys, env = process.env): VerifyCaller {
  if (env.JWKS_URL) {
    if (!env.JWT_ISSUER) throw new Error('JWT_ISSUER must be set when JWKS_URL is set');
    return createCallerVerifier({
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE ?? DEFAULT_AUDIENCE,
      algorithms: (env.JWT_ALGORITHMS ?? 'ES256,RS256').split(','),
      jwksUrl: env.JWKS_URL,
    });
  }
  return createCallerVerifier({ issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE, algorithms: [...CALLER_ALGORITHMS], jwks: { keys: [devKeys.publicJwk] } });
}

/**
 * The web app's runtime configuration (/config.json): map tiles (none: the map draws without a
 * background, nothing is fetched) and the OpenID Connect client for production sign-in.
 */
export function webConfig(env = process.env): Record<string, unknown> {
  const clientId = env.HUB_WEB_OIDC_CLIENT_ID;
  return {
    tileUrl: env.HUB_WEB_TILE_URL || null,
    tileAttribution: env.HUB_WEB_TILE_ATTRIBUTION || null,
    oidc: clientId
      ? { issuer: env.HUB_WEB_OIDC_ISSUER ?? env.JWT_ISSUER, clientId, scope: env.HUB_WEB_OIDC_SCOPE ?? 'openid profile offline_access', audience: env.JWT_AUDIENCE ?? null }
      : null,
  };
}
