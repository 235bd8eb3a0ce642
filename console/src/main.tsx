import { render } from 'preact';
import { App } from './app';
import { loadConsoleConfig } from './config';
import { detectLanguage, setLanguage, t } from './i18n/i18n';

/**
 * Starts the consoles: the language (the switch's choice, else the
 * browser's), the configuration (identity provider and gateway), then the
 * page of the current path.
 */
async function start(): Promise<void> {
  setLanguage(detectLanguage());
  const root = document.getElementById('app');
  if (!root) return;
  try {
    await loadConsoleConfig();
  } catch {
    root.textContent = t('errorConfig');
    return;
  }
  root.textContent = '';
  render(<App />, root);
}

void start();
