// The element's public API as Storybook's controls, docs tables and story renderer see it, read from
// custom-elements.json: nothing about the API is written twice by hand.
import type { Preview } from '@storybook/web-components-vite';
import json from '../../custom-elements.json';

interface Named {
  name: string;
}
interface Member extends Named {
  kind: string;
  privacy?: string;
  static?: boolean;
  attribute?: string;
}
interface Declaration {
  tagName?: string;
  members?: Member[];
  attributes?: Named[];
  slots?: Named[];
  events?: Named[];
}
/** The parts of the custom elements manifest (schema 2) read here. */
export interface Manifest {
  modules: { declarations?: Declaration[] }[];
}

export const manifest = json as Manifest;

/** The `<pay-checkout>` declaration. */
export const checkoutDeclaration: Declaration = (() => {
  const found = manifest.modules.flatMap((module) => module.declarations ?? []).find((d) => d.tagName == 'pay-checkout');
  if (!found) throw new Error('custom-elements.json does not declare <pay-checkout>');
  return found;
})();

/**
 * The manifest without what is not public API: private and static members go, and a property that has
 * an attribute is listed once, as its attribute (Storybook would otherwise show two controls for it).
 */
export const publicApi = (manifest: Manifest): Manifest => ({
  ...manifest,
  modules: manifest.modules.map((module) => ({
    ...module,
    declarations: module.declarations?.map((declaration) =>
      declaration.tagName
        ? {
            ...declaration,
            members: declaration.members?.filter(
              (member) => member.kind == 'field' && !member.static && member.privacy != 'private' && !member.attribute,
            ),
          }
        : declaration,
    ),
  })),
});

type ArgTypesEnhancer = NonNullable<Preview['argTypesEnhancers']>[number];
type SBType = { name: 'string' | 'number' | 'boolean' | 'other'; value?: string } | { name: 'enum'; value: string[] };

/** The package's named unions the manifest names by alias, spelt out (src/providers/types.ts). */
const ALIASES: Record<string, string> = {
  PayProvider: "'pekopay' | 'reepay' | 'paiwise'",
  PayMode: "'embedded' | 'redirect' | 'iframe' | 'modal'",
};

/** Storybook's type for a TypeScript type text from the manifest; its control follows from it. */
const sbType = (text = ''): SBType => {
  const parts = text
    .split('|')
    .flatMap((part) => (ALIASES[part.trim()] ?? part).split('|'))
    .map((part) => part.trim())
    .filter((part) => part && part != 'undefined');
  if (parts.length && parts.every((part) => /^'[^']*'$/.test(part))) return { name: 'enum', value: parts.map((part) => part.slice(1, -1)) };
  if (parts.length == 1 && ['string', 'number', 'boolean'].includes(parts[0]!)) return { name: parts[0] as 'string' };
  return { name: 'other', value: text };
};

/**
 * Controls from the manifest's types: attributes and properties by their TypeScript type, slots and
 * custom properties as text (type a value to try it); parts and events have none.
 */
export const manifestControls: ArgTypesEnhancer = ({ argTypes }) =>
  Object.fromEntries(
    Object.entries(argTypes).map(([name, argType]) => {
      const category = argType.table?.category;
      if (category == 'attributes' || category == 'properties') {
        const type = sbType(argType.table?.type?.summary);
        const control = type.name == 'other' ? { control: false as const } : {};
        return [name, { ...argType, type, ...control }];
      }
      if (category == 'slots' || category == 'css custom properties') return [name, { ...argType, type: { name: 'string' } }];
      if (category == 'css shadow parts' || category == 'events') return [name, { ...argType, control: false }];
      return [name, argType];
    }),
  );
