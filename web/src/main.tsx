import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/app.css';
import { loadLang, readStoredLang } from './i18n';

// English is a chunk of its own: loaded before the first render for those who chose it
void loadLang(readStoredLang())
  .catch(() => undefined)
  .finally(() =>
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
