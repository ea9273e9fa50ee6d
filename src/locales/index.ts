// Which translation a locale gets. English is bundled with the element; every other locale is a
// lazily loaded chunk, so a page downloads only the one it shows.
import type { Translation } from './translation.js';

const loaders: Record<string, () => Promise<{ default: Translation }>> = {
  'fr-CA': () => import('./fr-ca.js'),
  da: () => import('./da.js'),
  sv: () => import('./sv.js'),
};

/** The supported locale for a BCP 47 tag: the same tag, else the same language (`fr-FR` → `fr-CA`), else `en`. */
export const matchLocale = (tag: string): string => {
  const wanted = tag.toLowerCase();
  const language = wanted.split('-')[0];
  const supported = Object.keys(loaders);
  return supported.find((locale) => locale.toLowerCase() == wanted) ?? supported.find((locale) => locale.split('-')[0] == language) ?? 'en';
};

/** The translation of a supported locale other than English (see matchLocale). */
export const loadTranslation = async (locale: string): Promise<Translation> => (await loaders[locale]!()).default;
