import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { initI18n, initialLanguage } from './ui/i18n.ts';
import './ui/styles.css';

const lang = initialLanguage(window.location.search, navigator.languages ?? [navigator.language]);
document.documentElement.lang = lang;
await initI18n(lang);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
