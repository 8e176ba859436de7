// The hub's web app: a client of the public GraphQL API only. Each page asks the API as the
// signed-in actor and shows what it answers; the API refuses, the app never hides data it got.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import './styles.css';
import { L, currentLang, onLangChange, setLang } from './i18n';
import { loadConfig, session } from './session';
import { resetLive } from './graphql';
import { SignIn } from './pages/sign-in';
import { Dashboard } from './pages/dashboard';
import { Business } from './pages/business';
import { Authority } from './pages/authority';
import { Citizen } from './pages/citizen';
import { Police } from './pages/police';
import { PublicPage } from './pages/public';

const PAGES: Array<{ path: string; kinds: string[]; nl: string; en: string }> = [
  { path: 'dashboard', kinds: ['municipality'], nl: 'Dashboard', en: 'Dashboard' },
  { path: 'business', kinds: ['company'], nl: 'Mijn camera’s', en: 'My cameras' },
  { path: 'police', kinds: ['police'], nl: 'Politie', en: 'Police' },
  { path: 'authority', kinds: ['authority'], nl: 'Toezicht', en: 'Oversight' },
  { path: 'citizen', kinds: ['citizen'], nl: 'Mijn verzoeken', en: 'My requests' },
];

const route = () => location.hash.replace(/^#\/?/, '').split('/');

function App() {
  const [, force] = useState(0);
  const [path, setPath] = useState(route());
  useEffect(() => {
    const rerender = () => force((n) => n + 1);
    const offSession = session.subscribe(() => {
      resetLive(); // the live connection authenticates as whoever is signed in now
      rerender();
    });
    const offLang = onLangChange(rerender);
    const onHash = () => setPath(route());
    addEventListener('hashchange', onHash);
    return () => {
      offSession();
      offLang();
      removeEventListener('hashchange', onHash);
    };
  }, []);
  const [page, arg] = path;
  useEffect(() => {
    document.title = `${L('Cameratoezicht', 'Camera oversight')}${page ? ` — ${page}` : ''}`;
  }, [page, currentLang()]);
  const who = session.who;
  const nav = PAGES.filter((p) => who && p.kinds.includes(who.kind));

  let content;
  switch (page) {
    case 'dashboard':
      content = <Dashboard />;
      break;
    case 'business':
      content = <Business />;
      break;
    case 'authority':
      content = <Authority />;
      break;
    case 'citizen':
      content = <Citizen />;
      break;
    case 'police':
      content = <Police />;
      break;
    case 'public':
      content = <PublicPage municipality={arg || 'GM0344'} />;
      break;
    default:
      content = <SignIn />;
  }
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        {L('Naar de inhoud', 'Skip to content')}
      </a>
      <header class="top">
        <a class="brand" href="#/">
          {L('Cameratoezicht', 'Camera oversight')}
        </a>
        <nav aria-label={L('Hoofdmenu', 'Main menu')}>
          <ul>
            {nav.map((p) => (
              <li key={p.path}>
                <a href={`#/${p.path}`} aria-current={page === p.path ? 'page' : undefined}>
                  {L(p.nl, p.en)}
                </a>
              </li>
            ))}
            <li>
              <a href="#/public" aria-current={page === 'public' ? 'page' : undefined}>
                {L('Openbaar register', 'Public register')}
              </a>
            </li>
          </ul>
        </nav>
        <button
          class="link"
          onClick={() => setLang(currentLang() === 'nl' ? 'en' : 'nl')}
          lang={currentLang() === 'nl' ? 'en' : 'nl'}
        >
          {currentLang() === 'nl' ? 'English' : 'Nederlands'}
        </button>
        {who ? (
          <span>
            <span class="who">{session.label}</span>{' '}
            <button class="link" onClick={() => session.signOut()}>
              {L('Afmelden', 'Sign out')}
            </button>
          </span>
        ) : (
          <a href="#/">{L('Aanmelden', 'Sign in')}</a>
        )}
      </header>
      {session.ended && (
        <div class="banner" role="alert">
          {L('Je sessie is beëindigd. Meld je opnieuw aan.', 'Your session has ended. Please sign in again.')}{' '}
          <a href="#/">{L('Aanmelden', 'Sign in')}</a>
        </div>
      )}
      <main id="main" tabIndex={-1}>
        {content}
      </main>
    </>
  );
}

await loadConfig();
await session.completeOidc().catch((e) => console.error('sign-in failed', e));
render(<App />, document.getElementById('app')!);
