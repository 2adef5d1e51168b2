import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { en } from './en';
import { sv, type MessageKey, type Messages } from './sv';

export type { MessageKey } from './sv';

/** The languages of the interface, Swedish first (the default). */
export const languages = [
  { code: 'sv', name: 'Svenska' },
  { code: 'en', name: 'English' },
] as const;

export type Lang = (typeof languages)[number]['code'];

const catalogs: Record<Lang, Messages> = { sv, en };
const storageKey = 'samverkan.lang';
const defaultLang: Lang = 'sv';

function isLang(value: unknown): value is Lang {
  return languages.some((l) => l.code === value);
}

/** The language chosen earlier in this browser, or Swedish. */
export function storedLang(): Lang {
  try {
    const value = window.localStorage.getItem(storageKey);
    return isLang(value) ? value : defaultLang;
  } catch {
    return defaultLang; // storage can be disabled; the choice then lasts for the page only
  }
}

function storeLang(lang: Lang): void {
  try {
    window.localStorage.setItem(storageKey, lang);
  } catch {
    // see storedLang
  }
}

export type Params = Record<string, string | number>;

/** Whether `key` is a text of the catalogue (for keys made from codes sent by the server). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(sv, key);
}

/** Looks up a text and fills its {placeholders}. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const text = catalogs[lang][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, params?: Params) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider(props: { initial: Lang; children: ComponentChildren }) {
  const [lang, setLangState] = useState<Lang>(props.initial);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    storeLang(next);
    setLangState(next);
  }, []);

  const value = useMemo<I18n>(
    () => ({ lang, setLang, t: (key, params) => translate(lang, key, params) }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
