import { useEffect, useState } from 'preact/hooks';
import { L } from '../i18n';
import { appConfig, session } from '../session';

const HOME: Record<string, string> = {
  municipality: 'dashboard',
  company: 'business',
  police: 'police',
  authority: 'authority',
  citizen: 'citizen',
};

type DevIdentity = { id: string; label: string; kind: string; municipality: string | null };

export function SignIn() {
  const cfg = appConfig();
  const [identities, setIdentities] = useState<DevIdentity[]>([]);
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!cfg.devSignIn) return;
    fetch(new URL('auth/dev-token', document.baseURI))
      .then((r) => r.json())
      .then((b: { identities?: DevIdentity[] }) => setIdentities(b.identities ?? []))
      .catch(() =>
        setError(L('De demo-identiteiten konden niet geladen worden', 'Could not load the demo identities')),
      );
  }, []);
  const pick = async (i: DevIdentity) => {
    try {
      await session.signInDev(i.id, i.label);
      location.hash = `#/${HOME[i.kind] ?? ''}`;
    } catch {
      setError(L('Aanmelden mislukt', 'Sign-in failed'));
    }
  };
  return (
    <>
      <h1>{L('Aanmelden', 'Sign in')}</h1>
      {session.who && (
        <p>
          {L('Aangemeld als', 'Signed in as')} <strong>{session.label}</strong>.
        </p>
      )}
      {error && (
        <p class="errors" role="alert">
          {error}
        </p>
      )}
      {cfg.oidc && (
        <section class="card" aria-labelledby="h-oidc">
          <h2 id="h-oidc">{L('Aanmelden bij je organisatie', 'Sign in with your organisation')}</h2>
          <button onClick={() => session.signInOidc().catch(() => setError(L('Aanmelden mislukt', 'Sign-in failed')))}>
            {L('Aanmelden', 'Sign in')}
          </button>
        </section>
      )}
      {cfg.devSignIn && (
        <section class="card" aria-labelledby="h-dev">
          <h2 id="h-dev">{L('Ontwikkelomgeving: kies een demo-identiteit', 'Development: pick a demo identity')}</h2>
          <p class="muted">
            {L(
              'Alleen buiten productie: tokens van de lokale ontwikkelsleutel.',
              'Outside production only: tokens from the local development key.',
            )}
          </p>
          <ul class="identities">
            {identities.map((i) => (
              <li key={i.id}>
                <button class="secondary" onClick={() => pick(i)} data-identity={i.id}>
                  {i.label}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {!cfg.devSignIn && !cfg.oidc && (
        <p>{L('Aanmelden is hier niet ingesteld.', 'Sign-in is not configured here.')}</p>
      )}
      <p>
        <a href="#/public">
          {L(
            'Bekijk het openbare cameraregister zonder aan te melden',
            'See the public camera register without signing in',
          )}
        </a>
      </p>
    </>
  );
}
