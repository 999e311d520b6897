// The STKit documentation site (VitePress). Pages live in docs/pages (the
// source folder); the API reference (docs/pages/api, TypeDoc) and the CLI
// reference (docs/pages/cli, from the CLIs' --help) are generated before the
// build by scripts/generate.mjs and are not committed.
import { defineConfig } from 'vitepress';
import { expandSource, isKnownHtml, isRepositoryLink } from './markdown-source.mjs';
import { buildSidebar } from './sidebar.mjs';

export default defineConfig({
  title: 'STKit',
  description: 'Kinematic instruction-tuning data and STKit-Bench for video language models',
  srcDir: 'pages',
  // TypeDoc copies files that package READMEs link to (BENCHMARKS.md, sub-READMEs)
  // into api/<pkg>/_media; they are repository documents, not site pages.
  srcExclude: ['api/**/_media/**'],
  cleanUrls: false,
  lastUpdated: false,
  // Links into the repository outside docs/ (a package's source file, an
  // example folder, the _media copies above) have no page on the site; every
  // other dead link fails the build.
  ignoreDeadLinks: [(url) => isRepositoryLink(url) || /(^|\/)_media\//.test(url)],
  markdown: {
    config(md) {
      // `<!-- snippet: snippets/x.ts -->` lines and links to package READMEs
      // are rewritten before parsing (see markdown-source.mjs).
      const parse = md.parse.bind(md);
      md.parse = (source, env) => parse(expandSource(source, env?.realPath ?? env?.path), env);
      // Placeholders such as `<clipId>` or `<the flags of stkit pseudo>` written
      // outside code spans (common in package READMEs and in pages written by
      // others) parse as HTML tags and break the Vue compile: raw HTML that is
      // not a known element is shown as text.
      for (const rule of ['html_inline', 'html_block'] as const) {
        const original = md.renderer.rules[rule];
        md.renderer.rules[rule] = (tokens, index, options, env, self) => {
          const content = tokens[index]!.content;
          if (isKnownHtml(content) && original) return original(tokens, index, options, env, self);
          return md.utils.escapeHtml(content);
        };
      }
    },
  },
  themeConfig: {
    search: { provider: 'local' },
    nav: [
      { text: 'Guide', link: '/getting-started' },
      { text: 'Definitions', link: '/definitions' },
      { text: 'API', link: '/api/' },
      { text: 'CLI', link: '/cli/' },
    ],
    sidebar: buildSidebar(),
    outline: { level: [2, 3] },
  },
});
