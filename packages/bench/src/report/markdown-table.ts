/** Renders a GitHub-flavoured markdown table; `align` per column ('l' | 'r'). */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly ('l' | 'r')[],
): string {
  const escapeCell = (cell: string) => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const separator = header.map((_, index) => ((align?.[index] ?? (index === 0 ? 'l' : 'r')) === 'r' ? '---:' : ':---'));
  return [header, separator, ...rows]
    .map((row, index) => `| ${(index === 1 ? row : row.map(escapeCell)).join(' | ')} |`)
    .join('\n');
}
