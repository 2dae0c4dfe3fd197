import type { Lang } from '../../i18n';

/** The indicator's name in the interface language: the English name when there is one. */
export function indicatorName(indicator: { name: string; nameEn?: string | null }, lang: Lang): string {
  return lang === 'en' && indicator.nameEn ? indicator.nameEn : indicator.name;
}
