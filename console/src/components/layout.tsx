import type { ComponentChildren } from 'preact';
import { signOut, type ConsoleClient } from '../auth/session';
import { language, LANGUAGES, setLanguage, t, type Language } from '../i18n/i18n';
import { Link } from './link';

/** A page's navigation entry. */
export interface NavEntry {
  href: string;
  label: string;
}

/** What a signed-in space signs out of. */
export interface SignedInAs {
  client: ConsoleClient;
  purposes: readonly string[];
}

/** The frame of every page: skip link, title, navigation, language switch, sign-out, and the main content. */
export function Layout({
  title,
  nav = [],
  path,
  signedIn,
  children,
}: {
  title: string;
  nav?: readonly NavEntry[];
  path: string;
  signedIn?: SignedInAs;
  children: ComponentChildren;
}) {
  return (
    <>
      <a class="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header class="top">
        <Link href="/">{t('appName')}</Link>
        {nav.length > 0 && (
          <nav aria-label={title}>
            <ul>
              {nav.map((entry) => (
                <li key={entry.href}>
                  <Link href={entry.href} current={entry.href === path}>
                    {entry.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div class="top-actions">
          <label>
            {t('language')}{' '}
            <select
              value={language()}
              onChange={(event) => setLanguage((event.currentTarget as HTMLSelectElement).value as Language, true)}
            >
              {LANGUAGES.map((entry) => (
                <option key={entry.code} value={entry.code} lang={entry.code}>
                  {entry.name}
                </option>
              ))}
            </select>
          </label>
          {signedIn && (
            <button type="button" class="secondary" onClick={() => void signOut(signedIn.client, signedIn.purposes)}>
              {t('signOut')}
            </button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <h1>{title}</h1>
        {children}
      </main>
    </>
  );
}
