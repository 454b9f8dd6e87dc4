/**
 * The app mounted: its language, its styles, React. Loaded by the entry script (src/main.tsx) after it
 * has started the page's first requests.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { initI18n, initialLanguage } from './i18n.ts';
import './styles.css';

export async function mount(root: HTMLElement): Promise<void> {
  const lang = initialLanguage(window.location.search, navigator.languages ?? [navigator.language]);
  document.documentElement.lang = lang;
  await initI18n(lang);
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
