import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'lightningcss';
import postcss, { type Plugin } from 'postcss';
import { PurgeCSS } from 'purgecss';

/**
 * The one stylesheet every page loads, built from the NL Design System packages (the Utrecht component
 * CSS and the *voorbeeld* theme's tokens) plus our own `forms/static/regietafel.css`, keeping only what
 * the pages use:
 * 1. PurgeCSS keeps the rules whose class names occur in the source of the pages (every `.ts` file under
 *    `functions/` and `forms/`, and scripts under `forms/static/`) — scanned, not listed by hand, so a page
 *    another person adds tomorrow keeps its styles; a class built from a prefix and a value
 *    (`rt-status--${status}`) keeps every class with that prefix. Then the custom properties (design
 *    tokens) those rules reference, and nothing else of the 2,800 the theme defines.
 * 2. Custom property names are shortened (`--utrecht-button-primary-action-background-color` → `--a7`):
 *    they are two thirds of what is left, and no page or script refers to them (the CSP allows no inline
 *    styles).
 * 3. Lightning CSS minifies (before the purge too, so that `var(` spread over lines, as the Utrecht CSS
 *    writes it, reads the same as any other and PurgeCSS sees every token a rule uses).
 * The file is named after a hash of its content, so it can be cached for a year.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const repositoryRoot = path.resolve(here, '..');
const require = createRequire(import.meta.url);
const packageDist = (pkg: string, file: string) =>
  path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'dist', file);

/** The stylesheets the build starts from, in cascade order. */
export const stylesheetSources: readonly string[] = [
  packageDist('@nl-design-system-unstable/voorbeeld-design-tokens', 'theme.css'),
  packageDist('@utrecht/component-library-css', 'index.css'),
  path.join(here, 'static', 'regietafel.css'),
];

/** Where class names are looked for: all code that renders a page (TypeScript, and scripts), never tests. */
export const stylesheetContentFolders: readonly string[] = ['functions', 'forms'].map((folder) =>
  path.join(repositoryRoot, folder),
);

async function contentFiles(): Promise<string[]> {
  const files = await Promise.all(
    stylesheetContentFolders.map(async (folder) =>
      (await readdir(folder, { recursive: true }))
        // Not the build's own output (forms/static/build/).
        .filter((file) => /\.(ts|js)$/.test(file) && !file.startsWith(path.join('static', 'build')))
        .map((file) => path.join(folder, file)),
    ),
  );
  return files.flat().sort();
}

export interface BuiltStylesheet {
  readonly css: string;
  /** `regietafel.<hash>.css` */
  readonly fileName: string;
}

/** Words in the source: every run of letters, digits, `-` and `_` may be a class name. */
const words = (content: string) => content.match(/[A-Za-z0-9_-]+/g) ?? [];

/** `rt-status--${status}` in a template: every class starting with `rt-status--` is in use. */
function dynamicPrefixes(content: string): string[] {
  return [...content.matchAll(/([A-Za-z][\w-]*-)\$\{/g)].map((match) => match[1]!);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Attribute names in selectors in lower case (`[inputMode=numeric i]` → `[inputmode=numeric i]`): HTML
 * attribute names are case-insensitive, but PurgeCSS compares them with the words of our source exactly.
 */
function lowercaseAttributeNames(): Plugin {
  return {
    postcssPlugin: 'regietafel-lowercase-attribute-names',
    Rule(rule) {
      rule.selector = rule.selector.replace(
        /\[\s*([A-Za-z][\w-]*)/g,
        (_, name: string) => `[${name.toLowerCase()}`,
      );
    },
  };
}

const minify = (css: string) =>
  Buffer.from(transform({ filename: 'regietafel.css', code: Buffer.from(css), minify: true }).code).toString(
    'utf8',
  );

/**
 * Renames every custom property to a short name (most used first, so the most frequent get the shortest)
 * in declarations and in `var()`: the cascade is unchanged, only the names are.
 */
function shortCustomProperties(): Plugin {
  return {
    postcssPlugin: 'regietafel-short-custom-properties',
    Once(root) {
      const counts = new Map<string, number>();
      const count = (name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);
      root.walkDecls((decl) => {
        if (decl.prop.startsWith('--')) count(decl.prop);
        for (const match of decl.value.matchAll(/var\(\s*(--[\w-]+)/g)) count(match[1]!);
      });
      const short = new Map(
        [...counts.entries()]
          .sort((a, b) => b[1] - a[1])
          .map(([name], index) => [name, `--${index.toString(36)}`]),
      );
      root.walkDecls((decl) => {
        if (decl.prop.startsWith('--')) decl.prop = short.get(decl.prop)!;
        decl.value = decl.value.replace(/var\(\s*(--[\w-]+)/g, (_, name: string) => `var(${short.get(name)}`);
      });
    },
  };
}

/** Builds the stylesheet from the sources and the code that uses it (pure: writes nothing). */
export async function buildStylesheet(): Promise<BuiltStylesheet> {
  const sources = (await Promise.all(stylesheetSources.map((file) => readFile(file, 'utf8')))).join('\n');
  const css = minify((await postcss([lowercaseAttributeNames()]).process(sources, { from: undefined })).css);
  const content = await Promise.all(
    (await contentFiles()).map(async (file) => ({
      raw: await readFile(file, 'utf8'),
      extension: path.extname(file).slice(1),
    })),
  );
  const prefixes = [...new Set(content.flatMap(({ raw }) => dynamicPrefixes(raw)))];
  const [purged] = await new PurgeCSS().purge({
    content,
    css: [{ raw: css }],
    variables: true,
    keyframes: true,
    fontFace: true,
    defaultExtractor: words,
    safelist: { standard: prefixes.map((prefix) => new RegExp(`^${escapeRegExp(prefix)}`)) },
  });
  const shortened = await postcss([shortCustomProperties()]).process(purged!.css, { from: undefined });
  const text = minify(shortened.css);
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
  return { css: text, fileName: `regietafel.${hash}.css` };
}
