import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { setApiLanguage } from '../api/client';
import { en } from './en';
import { type Messages, vi } from './vi';

export type Lang = 'vi' | 'en';
export type { Messages };

const STORAGE_KEY = 'lo-trinh.lang';
export const MESSAGES: Record<Lang, Messages> = { vi, en };

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

/** Everything that follows the language outside React: API header, dayjs, <html lang>. */
function applyLang(lang: Lang) {
  setApiLanguage(lang);
  dayjs.locale(lang);
  document.documentElement.lang = lang;
}

interface LocaleContextValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Messages;
}

const LocaleContext = createContext<LocaleContextValue | null>(null);

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const initial = readStoredLang();
    applyLang(initial);
    return initial;
  });

  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this tab only
    }
    applyLang(next);
    setLangState(next);
  }, []);

  const value = useMemo(() => ({ lang, setLang, t: MESSAGES[lang] }), [lang, setLang]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

function useLocaleContext(): LocaleContextValue {
  const ctx = useContext(LocaleContext);
  if (!ctx) throw new Error('LocaleProvider is missing');
  return ctx;
}

/** The messages of the current language: `const t = useT(); t.nav.plan`. */
export function useT(): Messages {
  return useLocaleContext().t;
}

export function useLocale(): Pick<LocaleContextValue, 'lang' | 'setLang'> {
  const { lang, setLang } = useLocaleContext();
  return { lang, setLang };
}

/** Label of an item field by its API name, e.g. "leadOrgUnitId" → "Đơn vị chủ trì". */
export function fieldLabel(t: Messages, field: string): string {
  return (t.field as Record<string, string>)[field] ?? field;
}
