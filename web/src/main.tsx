import { render } from 'preact';
import { App } from './app';
import { I18nProvider, storedLang } from './i18n';
import { LocationProvider } from './router';
import { SessionProvider } from './session';
import './styles/main.css';
import './styles/ads.css';

const lang = storedLang();
document.documentElement.lang = lang;

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');

render(
  <I18nProvider initial={lang}>
    <LocationProvider>
      <SessionProvider>
        <App />
      </SessionProvider>
    </LocationProvider>
  </I18nProvider>,
  root,
);
