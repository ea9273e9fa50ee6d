// Writes docs/api.md, the element's API reference, so that nothing about the API is written by hand twice:
// the tables come from custom-elements.json (what `cem analyze` read from the element's JSDoc), public members
// only, and the event details and the types they name from the types src/index.ts exports (the manifest names
// an event's class, not the shape of its `detail`). `npm run docs` writes the page; test/node/api-docs.test.mjs
// fails when it is not what this script generates now.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
/** The page, relative to the repository's root. */
export const API_DOCS = 'docs/api.md';
const MANIFEST = 'custom-elements.json';
const ENTRY = 'src/index.ts';

/**
 * The parts of a custom elements manifest (schema 1.0) this page reads.
 * @typedef {{ text?: string }} CemType
 * @typedef {{ name: string, type?: CemType, default?: string, description?: string, optional?: boolean, rest?: boolean }} CemParameter
 * @typedef {{ kind: 'field' | 'method', name: string, privacy?: string, static?: boolean, readonly?: boolean,
 *   type?: CemType, default?: string, description?: string, attribute?: string, parameters?: CemParameter[],
 *   return?: { type?: CemType }, inheritedFrom?: { name: string, package?: string, module?: string } }} CemMember
 * @typedef {{ name: string, type?: CemType, default?: string, description?: string, fieldName?: string }} CemAttribute
 * @typedef {{ name: string, type?: CemType, description?: string }} CemEvent
 * @typedef {{ name: string, description?: string, default?: string }} CemNamed
 * @typedef {{ kind: string, name: string, tagName?: string, customElement?: boolean, summary?: string,
 *   description?: string, members?: CemMember[], attributes?: CemAttribute[], events?: CemEvent[],
 *   slots?: CemNamed[], cssParts?: CemNamed[], cssProperties?: CemNamed[] }} CemDeclaration
 * @typedef {{ path: string, declarations?: CemDeclaration[] }} CemModule
 * @typedef {{ modules: CemModule[] }} CemManifest
 */

/** One line of prose out of a JSDoc text wrapped over several. */
const oneLine = (/** @type {string | undefined} */ text) => (text ?? '').replace(/\s+/g, ' ').trim();
/** A table cell: one line, its pipes escaped (GitHub reads `\|` as `|` inside code spans of a table too). */
const cell = (/** @type {string | undefined} */ text) => oneLine(text).replaceAll('|', '\\|');
/** Inline code, with a fence long enough for the backticks inside it. */
const code = (/** @type {string | undefined} */ text) => {
  const value = oneLine(text);
  if (!value) return '';
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return longest ? `${fence} ${value} ${fence}` : `${fence}${value}${fence}`;
};
/** @param {string[]} head @param {string[][]} rows */
const table = (head, rows) => [
  `| ${head.join(' | ')} |`,
  `|${head.map(() => '---').join('|')}|`,
  ...rows.map((row) => `| ${row.map((value) => value || '—').join(' | ')} |`),
];

/** Members a page may call or read: not private or protected, not `_`/`#`-named, not `@internal`, not Lit's own. */
const isPublic = (/** @type {CemMember} */ member) =>
  member.privacy !== 'private' &&
  member.privacy !== 'protected' &&
  !/^[_#]/.test(member.name) &&
  !/@internal\b/.test(member.description ?? '') &&
  !member.inheritedFrom?.package;

/** `name(a: T, b?: U): R` */
const signature = (/** @type {CemMember} */ method) => {
  const parameters = (method.parameters ?? []).map(
    (parameter) =>
      `${parameter.rest ? '...' : ''}${parameter.name}${parameter.optional || parameter.default ? '?' : ''}` +
      (parameter.type?.text ? `: ${parameter.type.text}` : ''),
  );
  return `${method.name}(${parameters.join(', ')})${method.return?.type?.text ? `: ${method.return.type.text}` : ''}`;
};

/** An event class's detail type, by the naming rule the manifest's generators use too: `PayTokenEvent` → `PayTokenDetail`. */
export const detailTypeOf = (/** @type {string | undefined} */ eventClass) => {
  const name = /^(\w+)Event$/.exec(eventClass ?? '')?.[1];
  return name ? `${name}Detail` : undefined;
};

/**
 * The interfaces and type aliases src/index.ts exports, read with the TypeScript compiler: each one's
 * documentation and, for an interface, its properties (inherited ones included) as they are written.
 * @typedef {{ name: string, optional: boolean, type: string, description: string }} TypeProperty
 * @typedef {{ name: string, kind: 'interface', description: string, properties: TypeProperty[] }
 *   | { name: string, kind: 'alias', description: string, text: string, members: string[] }} ExportedType
 * @returns {Map<string, ExportedType>}
 */
const exportedTypes = () => {
  const read = ts.readConfigFile(`${root}tsconfig.json`, ts.sys.readFile);
  const { options } = ts.convertCompilerOptionsFromJson(read.config?.compilerOptions ?? {}, root);
  const program = ts.createProgram([`${root}${ENTRY}`], { ...options, types: [], noEmit: true });
  const checker = program.getTypeChecker();
  const entry = program.getSourceFile(`${root}${ENTRY}`);
  const moduleSymbol = entry && checker.getSymbolAtLocation(entry);
  /** @type {Map<string, ExportedType>} */
  const types = new Map();
  if (!entry || !moduleSymbol) throw new Error(`${ENTRY}: not found`);
  // A re-export whose module does not resolve (mid-refactor) would silently drop its types from the page.
  for (const statement of entry.statements) {
    const from = ts.isExportDeclaration(statement) ? statement.moduleSpecifier : undefined;
    if (from && ts.isStringLiteral(from) && !checker.getSymbolAtLocation(from)) {
      throw new Error(`${ENTRY} re-exports from '${from.text}', which does not resolve: fix the entry, then run npm run docs`);
    }
  }
  const docOf = (/** @type {ts.Symbol} */ symbol) => oneLine(ts.displayPartsToString(symbol.getDocumentationComment(checker)));
  const textOf = (/** @type {ts.TypeNode} */ node) => oneLine(node.getText()).replace(/^\| /, '');
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (symbol.flags & ts.SymbolFlags.Class) continue;
    if (symbol.flags & ts.SymbolFlags.Interface) {
      const properties = checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol)).map((property) => {
        const declaration = property.declarations?.[0];
        const node =
          declaration && (ts.isPropertySignature(declaration) || ts.isPropertyDeclaration(declaration)) ? declaration.type : undefined;
        return {
          name: property.name,
          optional: Boolean(property.flags & ts.SymbolFlags.Optional),
          type: node ? textOf(node) : checker.typeToString(checker.getTypeOfSymbol(property), undefined, ts.TypeFormatFlags.NoTruncation),
          description: docOf(property),
        };
      });
      types.set(exported.name, { name: exported.name, kind: 'interface', description: docOf(symbol), properties });
    } else if (symbol.flags & ts.SymbolFlags.TypeAlias) {
      const declaration = symbol.declarations?.find(ts.isTypeAliasDeclaration);
      if (!declaration) continue;
      const members = ts.isUnionTypeNode(declaration.type) ? declaration.type.types : [declaration.type];
      types.set(exported.name, {
        name: exported.name,
        kind: 'alias',
        description: docOf(symbol),
        text: textOf(declaration.type),
        // A union of named types (`PayCompleteDetail`) is shown as its members, each with its own table.
        members: members.every(ts.isTypeReferenceNode) ? members.map((member) => member.getText()) : [],
      });
    }
  }
  return types;
};

/** The exported type names a type text mentions, in order. */
const mentions = (/** @type {string} */ text, /** @type {Map<string, ExportedType>} */ types) =>
  [...new Set(text.match(/\b[A-Z]\w*\b/g) ?? [])].filter((name) => types.has(name));

/** A type's heading anchor on this page (GitHub's slug of "`Name`"). */
const anchor = (/** @type {string} */ name) => `#${name.toLowerCase()}`;
/** A type text with the exported types it names linked to their section. */
const linked = (/** @type {string} */ text, /** @type {Map<string, ExportedType>} */ types) => {
  const names = mentions(text, types);
  return names.length == 0 ? code(text) : `${code(text)} (${names.map((name) => `[${name}](${anchor(name)})`).join(', ')})`;
};

/** A type's section: its documentation and its properties, or its definition. */
const typeSection = (/** @type {ExportedType} */ type, /** @type {Map<string, ExportedType>} */ types) => {
  const lines = [`### ${code(type.name)}`, ''];
  if (type.description) lines.push(type.description, '');
  if (type.kind == 'interface') {
    lines.push(
      ...table(
        ['property', 'type', 'description'],
        type.properties.map((property) => [
          code(`${property.name}${property.optional ? '?' : ''}`),
          cell(linked(property.type, types)),
          cell(property.description),
        ]),
      ),
    );
  } else if (type.members.length > 1) {
    lines.push(`One of ${type.members.map((member) => (types.has(member) ? `[${member}](${anchor(member)})` : code(member))).join(', ')}.`);
  } else {
    lines.push('```ts', `type ${type.name} = ${type.text};`, '```');
  }
  lines.push('');
  return lines;
};

/**
 * The page's text for a manifest and the exported types.
 * @param {CemManifest} manifest
 * @param {Map<string, ExportedType>} types
 */
export const renderApiDocs = (manifest, types = exportedTypes()) => {
  const elements = manifest.modules.flatMap((module) =>
    (module.declarations ?? [])
      .filter((declaration) => declaration.customElement && declaration.tagName)
      .map((declaration) => ({ module, declaration })),
  );
  const lines = [
    `<!-- Generated by scripts/api-docs.mjs from ${MANIFEST} and the types ${ENTRY} exports. Do not edit: run \`npm run docs\`. -->`,
    '',
    '# API reference',
    '',
    'Every public attribute, property, method, event, slot, CSS part and CSS custom property of the element, and the',
    "types they use, as the element's JSDoc and types declare them. How to use them: [Getting started](getting-started.md).",
    '',
  ];
  /** Types to describe below the element, in the order first mentioned. */
  const wanted = new Set();
  const want = (/** @type {string | undefined} */ text) => {
    for (const name of mentions(text ?? '', types)) wanted.add(name);
  };

  for (const { module, declaration: element } of elements) {
    const members = (element.members ?? []).filter(isPublic);
    const fields = members.filter((member) => member.kind == 'field' && !member.static);
    const methods = members.filter((member) => member.kind == 'method' && !member.static);
    const statics = members.filter((member) => member.static);
    lines.push(`## ${code(`<${element.tagName}>`)}`, '');
    lines.push(`Class ${code(element.name)} (${code(module.path)}).${element.summary ? ` ${oneLine(element.summary)}` : ''}`, '');
    if (element.description) lines.push(oneLine(element.description), '');

    // Attributes with the property each sets, then properties without an attribute.
    const attributes = element.attributes ?? [];
    const rows = fields.map((field) => {
      want(field.type?.text);
      const attribute = field.attribute ?? attributes.find((candidate) => candidate.fieldName == field.name)?.name;
      return [
        code(attribute),
        `${code(field.name)}${field.readonly ? ' (read-only)' : ''}`,
        cell(linked(field.type?.text ?? '', types)),
        cell(code(field.default)),
        cell(field.description),
      ];
    });
    for (const attribute of attributes.filter((candidate) => !fields.some((field) => field.name == candidate.fieldName))) {
      want(attribute.type?.text);
      rows.push([
        code(attribute.name),
        '',
        cell(linked(attribute.type?.text ?? '', types)),
        cell(code(attribute.default)),
        cell(attribute.description),
      ]);
    }
    if (rows.length)
      lines.push('### Attributes and properties', '', ...table(['attribute', 'property', 'type', 'default', 'description'], rows), '');

    if (methods.length) {
      for (const method of methods) want(signature(method));
      lines.push(
        '### Methods',
        '',
        ...table(
          ['method', 'description'],
          methods.map((method) => [cell(code(signature(method))), cell(method.description)]),
        ),
        '',
      );
    }

    if (statics.length) {
      for (const member of statics) want(member.kind == 'method' ? signature(member) : member.type?.text);
      const rows = statics.map((member) => [
        cell(code(`${element.name}.${member.kind == 'method' ? signature(member) : member.name}`)),
        member.kind == 'method' ? '' : cell(linked(member.type?.text ?? '', types)),
        cell(code(member.default)),
        cell(member.description),
      ]);
      lines.push('### Static members', '', ...table(['member', 'type', 'default', 'description'], rows), '');
    }

    const events = element.events ?? [];
    if (events.length) {
      const rows = events.map((event) => {
        const detail = detailTypeOf(event.type?.text);
        if (detail && types.has(detail)) wanted.add(detail);
        return [
          code(event.name),
          code(event.type?.text),
          detail && types.has(detail) ? `[${detail}](${anchor(detail)})` : '',
          cell(event.description),
        ];
      });
      lines.push('### Events', '', ...table(['event', 'class', 'detail', 'description'], rows), '');
    }

    /** @type {[string, string, CemNamed[] | undefined][]} */
    const named = [
      ['Slots', 'slot', element.slots],
      ['CSS parts', 'part', element.cssParts],
      ['CSS custom properties', 'property', element.cssProperties],
    ];
    for (const [title, column, entries] of named) {
      if (!entries?.length) continue;
      const withDefaults = entries.some((entry) => entry.default);
      const head = withDefaults ? [column, 'default', 'description'] : [column, 'description'];
      const rows = entries.map((entry) =>
        withDefaults ? [code(entry.name), cell(code(entry.default)), cell(entry.description)] : [code(entry.name), cell(entry.description)],
      );
      lines.push(`### ${title}`, '', ...table(head, rows), '');
    }
  }

  // The types named above, and the types those name, each once.
  const shown = [];
  for (const name of wanted) {
    const type = types.get(name);
    if (!type) continue;
    shown.push(type);
    for (const mentioned of mentions(
      type.kind == 'interface' ? type.properties.map((property) => property.type).join(' ') : type.members.join(' ') || type.text,
      types,
    )) {
      wanted.add(mentioned);
    }
  }
  if (shown.length) {
    lines.push('## Types', '', `Exported by the package (\`import type { … } from 'pay-checkout'\`).`, '');
    for (const type of shown) lines.push(...typeSection(type, types));
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
};

/** The page as the committed manifest and the current sources make it. */
export const generateApiDocs = () => renderApiDocs(JSON.parse(readFileSync(`${root}${MANIFEST}`, 'utf8')));

if (process.argv[1] && fileURLToPath(import.meta.url) == process.argv[1]) {
  writeFileSync(`${root}${API_DOCS}`, generateApiDocs());
  console.log(`wrote ${API_DOCS}`);
}
