// Source rewriting shared by the VitePress config and the tests.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const docsRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

const languages = { ts: 'ts', mts: 'ts', mjs: 'js', js: 'js', sh: 'sh', py: 'py', json: 'json' };

/**
 * `<!-- snippet: snippets/name.ts -->` on a line of its own becomes a code
 * block with that file's text (the file is type-checked and run by the docs
 * tests); links to `../packages/<name>/README.md` become links to that
 * package's API reference.
 */
export function expandSource(markdown, file = '(page)') {
  const withSnippets = markdown.replace(/^<!-- snippet: (\S+) -->$/gm, (_, path) => {
    const target = join(docsRoot, path);
    if (!existsSync(target)) throw new Error(`${file}: snippet ${path} does not exist`);
    const extension = path.split('.').pop() ?? '';
    return `\`\`\`${languages[extension] ?? ''}\n${readFileSync(target, 'utf8').trimEnd()}\n\`\`\``;
  });
  // Code comments link to the definitions page by its repository path.
  const withDefinitions = withSnippets.replace(
    /\]\((?:[./]*)docs\/pages\/([a-z0-9/-]+)\.md(#[^)]*)?\)/g,
    (_, page, hash = '') => `](/${page}${hash})`,
  );
  return withDefinitions.replace(
    /\]\((?:\.\.\/)+packages\/([a-z0-9-]+)\/?(?:README\.md)?(#[^)]*)?\)/g,
    (_, name, hash = '') => `](/api/${name}/${hash})`,
  );
}

/** A relative link that leaves the docs pages for the repository (`../packages/x/src/…`, `../examples/…`). */
export function isRepositoryLink(url) {
  return (
    /^(?:\.\.\/)+(?:packages|examples|tools|scripts)\//.test(url) ||
    /^\.?\/?(?:\.\.\/)*(?:README|CHANGELOG)\.md$/.test(url)
  );
}

const KNOWN_TAG =
  /^<\/?(a|abbr|b|blockquote|br|code|dd|del|details|div|dl|dt|em|figcaption|figure|h[1-6]|hr|i|img|input|kbd|li|mark|ol|p|picture|pre|s|samp|small|source|span|strong|sub|summary|sup|svg|table|tbody|td|tfoot|th|thead|tr|u|ul|var|video|Badge|ClientOnly)(?=[\s/>]|$)/i;

/** Raw HTML worth passing through: comments and elements HTML (or VitePress) knows; anything else is shown as text. */
export function isKnownHtml(content) {
  const text = content.trimStart();
  return text.startsWith('<!--') || KNOWN_TAG.test(text);
}
