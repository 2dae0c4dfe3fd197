import { type Lang, useLocale, useT } from '../i18n';
import { Segmented } from './Segmented';

export function LanguageSwitch({ className = 'lt-lang-switch' }: { className?: string }) {
  const { lang, setLang } = useLocale();
  const t = useT();
  return (
    <Segmented<Lang>
      size="small"
      className={className}
      data-testid="lang-switch"
      aria-label={t.app.language}
      value={lang}
      onChange={setLang}
      options={[
        { value: 'vi', label: 'VI' },
        { value: 'en', label: 'EN' },
      ]}
    />
  );
}
