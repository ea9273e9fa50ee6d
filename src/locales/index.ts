// Which translation a locale gets. English is bundled with the element; every other shipped locale is a
// lazily loaded chunk, so a page downloads only the one it shows. A page may add locales and override texts
// from script (addTranslation, behind PayCheckout.registerTranslation).
import en from './en.js';
import type { Translation, TranslationOverrides } from './translation.js';

/** @internal The shipped locales' chunks (a test stands a never-answering one in). */
export const loaders: Record<string, () => Promise<{ default: Translation }>> = {
  'fr-CA': () => import('./fr-ca.js'),
  da: () => import('./da.js'),
  sv: () => import('./sv.js'),
  ar: () => import('./ar.js'),
};

/** What script registered, by canonical tag; several registrations of one locale add up. */
const registered = new Map<string, TranslationOverrides>();

/** `partial` over `base`, `intents` and `errors` term by term. */
const merge = <T extends TranslationOverrides>(base: T, partial: TranslationOverrides = {}): T => ({
  ...base,
  ...partial,
  intents: { ...base.intents, ...partial.intents },
  errors: { ...base.errors, ...partial.errors },
});

/**
 * Registers texts for `locale` (a BCP 47 tag; a malformed one throws a RangeError): a new locale, or overrides
 * of a shipped one's texts. A term of another type than English's (a text, a function, a group) throws a TypeError.
 */
export const addTranslation = (locale: string, partial: TranslationOverrides): void => {
  const [tag] = Intl.getCanonicalLocales(locale) as [string];
  const base: Record<string, unknown> = { ...en, dir: '' };
  for (const [key, term] of Object.entries(partial)) {
    if (typeof term != typeof base[key]) throw new TypeError(`pay-checkout: term ${key}`);
  }
  registered.set(tag, merge(registered.get(tag) ?? {}, partial));
};

/**
 * The locale for a BCP 47 tag among the registered and the shipped ones: the same tag, else the same language
 * (`fr-FR` → a registered `fr` or `fr-FR`, else `fr-CA`), else `en`.
 */
export const matchLocale = (tag: string): string => {
  const wanted = tag.toLowerCase();
  const language = wanted.split('-')[0];
  const supported = [...registered.keys(), ...Object.keys(loaders)];
  return supported.find((locale) => locale.toLowerCase() == wanted) ?? supported.find((locale) => locale.split('-')[0] == language) ?? 'en';
};

/** The texts of a locale matchLocale returned, with what script registered for it: at once, unless its chunk must load. */
export const translationOf = (locale: string): Translation | Promise<Translation> => {
  const loader = loaders[locale];
  const partial = registered.get(locale);
  return loader ? loader().then((chunk) => merge(chunk.default, partial)) : merge(en, partial);
};
