// The ```sh blocks of a markdown page, in order (tutorial pages are run by CI).
import { readFileSync } from 'node:fs';

/** Frontmatter fields of a page (flat `key: value` lines). */
export function frontmatter(markdown) {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(markdown);
  const fields = {};
  for (const line of match?.[1].split(/\r?\n/) ?? []) {
    const field = /^(\w+):\s*(.*)$/.exec(line);
    if (field) fields[field[1]] = field[2].trim();
  }
  return fields;
}

/** The text of every fenced block whose info string is exactly `sh`, in page order. */
export function shellBlocks(file) {
  const markdown = readFileSync(file, 'utf8');
  const blocks = [];
  const fence = /^```sh\s*\n([\s\S]*?)^```\s*$/gm;
  for (let match = fence.exec(markdown); match !== null; match = fence.exec(markdown)) blocks.push(match[1]);
  return { blocks, frontmatter: frontmatter(markdown) };
}
