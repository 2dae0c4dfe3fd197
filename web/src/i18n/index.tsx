import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { setApiLanguage } from '../api/client';
import { type Messages, vi } from './vi';

export type Lang = 'vi' | 'en';
export type { Messages };

const STORAGE_KEY = 'lo-trinh.lang';
/**
 * The messages loaded so far. English is a chunk of its own, loaded when chosen (main.tsx loads the
 * stored choice before the first render): most users never switch, and the first page on a slow
 * link should not carry a second copy of every message.
 */
const loaded: Partial<Record<Lang, Messages>> = { vi };
/** antd's own texts (pagination, date picker…), loaded with the messages. */
const antdLocales: Partial<Record<Lang, typeof viVN>> = { vi: viVN };

export async function loadLang(lang: Lang): Promise<void> {
  if (loaded[lang]) return;
  const [messages, antd] = await Promise.all([import('./en'), import('antd/locale/en_US')]);
  antdLocales[lang] = antd.default;
  loaded[lang] = messages.en;
}

/** The antd locale of a language (Vietnamese while another is not loaded). */
export function antdLocale(lang: Lang): typeof viVN {
  return antdLocales[lang] ?? viVN;
}

export function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

/** Everything that follows the language outside React: API header, dayjs, <html lang>. */
function applyLang(lang: Lang) {
  setApiLanguage(lang, loaded[lang]!);
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
    // English not loaded (its chunk failed to load): Vietnamese until it is chosen again
    const initial = loaded[readStoredLang()] ? readStoredLang() : 'vi';
    applyLang(initial);
    return initial;
  });

  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this tab only
    }
    void loadLang(next).then(() => {
      applyLang(next);
      setLangState(next);
    });
  }, []);

  const value = useMemo(() => ({ lang, setLang, t: loaded[lang]! }), [lang, setLang]);
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
