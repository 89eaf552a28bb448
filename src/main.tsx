import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadLanguage } from './i18n/messages';
import { App } from './ui/App';
import { usePreferences } from './ui/stores';
import './ui/styles.css';

function render() {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no element with id "root"');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

// The stored language's messages come first, so the first screen is already in that language.
// Should English fail to load (a broken cache), the app starts in German rather than not at all.
loadLanguage(usePreferences.getState().lang)
  .catch(() => usePreferences.setState({ lang: 'de' }))
  .finally(render);
