// Builds the documentation site: docs/pages/*.md and every package README →
// docs/dist/*.html. Code samples are pulled from files that CI type-checks:
// a line `<!-- snippet: snippets/name.ts -->` is replaced by that file's text.
// `--check` builds into a temporary folder and fails on a missing snippet or a
// broken relative link, without writing docs/dist.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { marked } from 'marked';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const check = process.argv.includes('--check');
const outDir = check ? mkdtempSync(join(tmpdir(), 'stkit-docs-')) : join(here, 'dist');
mkdirSync(outDir, { recursive: true });

const problems = [];
const pages = [];
for (const file of readdirSync(join(here, 'pages')).filter((name) => name.endsWith('.md')).sort()) {
  pages.push({ slug: basename(file, '.md'), source: join(here, 'pages', file) });
}
for (const name of readdirSync(join(root, 'packages')).sort()) {
  const readme = join(root, 'packages', name, 'README.md');
  if (existsSync(readme)) pages.push({ slug: `package-${name}`, source: readme, packageDir: join(root, 'packages', name) });
}
const slugs = new Set(pages.map((page) => page.slug));

function titleOf(markdown, fallback) {
  const match = /^#\s+(.+)$/m.exec(markdown);
  return match ? match[1].replace(/`/g, '') : fallback;
}

function expandSnippets(markdown, source) {
  return markdown.replace(/^<!-- snippet: (\S+) -->$/gm, (_, path) => {
    const file = join(here, path);
    if (!existsSync(file)) {
      problems.push(`${source}: snippet ${path} does not exist`);
      return '';
    }
    const language = path.endsWith('.ts') ? 'ts' : path.endsWith('.sh') ? 'sh' : '';
    return `\`\`\`${language}\n${readFileSync(file, 'utf8').trimEnd()}\n\`\`\``;
  });
}

function rewriteLinks(html, page) {
  return html.replace(/href="([^"#:]+)(#[^"]*)?"/g, (whole, target, hash = '') => {
    if (target.endsWith('.md') && slugs.has(basename(target, '.md'))) return `href="${basename(target, '.md')}.html${hash}"`;
    const packageMatch = /^(?:\.\.\/)*packages\/([a-z-]+)\/?(?:README\.md)?$/.exec(target) ?? /^\.\.\/([a-z-]+)$/.exec(target);
    if (packageMatch && slugs.has(`package-${packageMatch[1]}`)) return `href="package-${packageMatch[1]}.html${hash}"`;
    const base = page.packageDir ?? dirname(page.source);
    if (!existsSync(join(base, target))) problems.push(`${page.source}: broken link ${target}`);
    return whole;
  });
}

const nav = pages.map((page) => `<li><a href="${page.slug}.html">${page.slug.replace(/^package-/, '@stkit/')}</a></li>`).join('');
for (const page of pages) {
  const markdown = expandSnippets(readFileSync(page.source, 'utf8'), page.source);
  const body = rewriteLinks(marked.parse(markdown), page);
  const title = titleOf(markdown, page.slug);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} — STKit</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.55 system-ui,sans-serif;margin:0;display:flex}nav{width:230px;padding:1rem;background:#f5f5f7;min-height:100vh}
nav ul{list-style:none;padding:0}main{max-width:860px;padding:1rem 2rem}pre{background:#f0f0f3;padding:.8rem;overflow:auto}
code{font-size:.92em}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.25rem .5rem}</style></head>
<body><nav><strong>STKit</strong><ul>${nav}</ul></nav><main>${body}</main></body></html>\n`;
  writeFileSync(join(outDir, `${page.slug}.html`), html);
}
writeFileSync(join(outDir, 'index.html'), `<!doctype html><meta http-equiv="refresh" content="0; url=index-page.html">\n`);

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`${check ? 'checked' : 'built'} ${pages.length} pages${check ? '' : ` into ${outDir}`}`);
