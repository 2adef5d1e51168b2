import { languages, useI18n } from '../i18n';

/** Two buttons, each named in its own language; the pressed one is the current language. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <div class="lang-switch" role="group" aria-label={t('language.label')}>
      {languages.map((l) => (
        <button
          key={l.code}
          type="button"
          class="lang-switch__button"
          lang={l.code}
          aria-pressed={l.code === lang}
          onClick={() => setLang(l.code)}
        >
          {l.name}
        </button>
      ))}
    </div>
  );
}
