// The sidebar, by task. Every markdown page under docs/pages is listed, including
// pages this file has never heard of: a page is placed by its frontmatter
// `group:` when it has one, else by the first rule its path matches, else under
// "More guides". Within a group, frontmatter `order:` (then the title) sorts.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { docsRoot } from './markdown-source.mjs';

export const pagesRoot = join(docsRoot, 'pages');

/** Groups in sidebar order; `match` tests the page's path relative to docs/pages (without `.md`). */
export const GROUPS = [
  { text: 'Get started', match: /^(index|getting-started|contracts|tutorials\/index)$/ },
  {
    text: 'Ground truth',
    match: /(ground-truth|add-a-dataset|dataset|nuscenes|argoverse|av2|kitti|nuplan|aria|waymo|training-export|export)/,
  },
  { text: 'Pseudo-labels', match: /(pseudo|segment|video|geometry|filter)/ },
  { text: 'Benchmark', match: /(bench|harness|score|evaluat|model|lmms|vlmeval|opencompass)/ },
  { text: 'Scale-out', match: /(scale|distribut|redis|worker|queue)/ },
  { text: 'Definitions', match: /(definition|error|glossary|units)/ },
  { text: 'More guides', match: /./ },
];

/** Folders under docs/pages that have a sidebar section of their own (generated). */
const GENERATED = new Set(['api', 'cli']);

function listPages(folder = pagesRoot) {
  const pages = [];
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) {
      if (folder === pagesRoot && (GENERATED.has(name) || name.startsWith('.') || name === 'public')) continue;
      pages.push(...listPages(path));
    } else if (name.endsWith('.md')) {
      pages.push(relative(pagesRoot, path).replace(/\.md$/, ''));
    }
  }
  return pages;
}

function frontmatterOf(markdown) {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(markdown);
  const fields = {};
  if (match) {
    for (const line of match[1].split(/\r?\n/)) {
      const field = /^(\w+):\s*(.*)$/.exec(line);
      if (field) fields[field[1]] = field[2].replace(/^['"]|['"]$/g, '');
    }
  }
  return fields;
}

/** Title and group of one page (exported for the tests). */
export function describePage(slug) {
  const markdown = readFileSync(join(pagesRoot, `${slug}.md`), 'utf8');
  const front = frontmatterOf(markdown);
  const heading = /^#\s+(.+)$/m.exec(markdown.replace(/^---[\s\S]*?---/, ''))?.[1];
  const title = (front.sidebarTitle ?? front.title ?? heading ?? slug).replace(/`/g, '').trim();
  const group =
    GROUPS.find((candidate) => candidate.text === front.group) ??
    GROUPS.find((candidate) => candidate.match.test(slug));
  return { slug, title, group: group?.text ?? 'More guides', order: Number(front.order ?? 100) };
}

function link(slug) {
  if (slug === 'index') return '/';
  return `/${slug.replace(/(^|\/)index$/, '$1')}`;
}

export function buildSidebar() {
  const pages = listPages().map(describePage);
  const sidebar = [];
  for (const group of GROUPS) {
    const items = pages
      .filter((page) => page.group === group.text)
      .sort(
        (a, b) =>
          a.order - b.order || (a.slug === 'index' ? -1 : b.slug === 'index' ? 1 : a.title.localeCompare(b.title)),
      )
      .map((page) => ({ text: page.title, link: link(page.slug) }));
    if (items.length > 0) sidebar.push({ text: group.text, collapsed: false, items });
  }
  const apiSidebar = join(pagesRoot, 'api', 'typedoc-sidebar.json');
  if (existsSync(apiSidebar)) {
    sidebar.push({
      text: 'API',
      collapsed: true,
      items: [{ text: 'Overview', link: '/api/' }, ...JSON.parse(readFileSync(apiSidebar, 'utf8'))],
    });
  }
  const cliFolder = join(pagesRoot, 'cli');
  if (existsSync(cliFolder)) {
    const items = readdirSync(cliFolder)
      .filter((name) => name.endsWith('.md') && name !== 'index.md')
      .sort()
      .map((name) => ({
        text: name.replace(/\.md$/, '').replace(/-/g, ' '),
        link: `/cli/${name.replace(/\.md$/, '')}`,
      }));
    sidebar.push({ text: 'CLI', collapsed: true, items: [{ text: 'Overview', link: '/cli/' }, ...items] });
  }
  return sidebar;
}
