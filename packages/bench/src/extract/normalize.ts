/**
 * Normalises a model response before extraction: `<think>` blocks dropped, lower case, markdown and
 * LaTeX markup removed, typographic quotes and dashes unified, hedging symbols
 * (`~`, `≈`) spelled out, thousands separators dropped, list markers removed
 * (so "1. The distance is …" does not read as the number 1).
 */

const LATEX_WRAPPERS = /\\(?:text|mathrm|mathbf|textbf|textit|operatorname|mbox)\s*\{([^{}]*)\}/g;

/** Returns the normalised text; positions in it are what extractors report. */
export function normalizeResponse(text: string): string {
  // Reasoning models (Qwen3, DeepSeek-R1) may put their scratch work in <think> blocks: only the answer counts.
  let out = text
    .replace(/<think>[\s\S]*?<\/think>/gi, ' ')
    .normalize('NFKC')
    .toLowerCase();
  // One line break and one space character, so the Python port (stkit_bench.py) reads \s and ^/$ alike.
  out = out.replace(/\r\n?|[\u2028\u2029]/g, '\n').replace(/[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]/g, ' ');
  out = out.replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'").replace(/[\u201c\u201d]/g, '"');
  // LaTeX as chat models write it: \( 12\,\text{m} \), $\approx 3.5$.
  out = out.replace(LATEX_WRAPPERS, ' $1 ').replace(LATEX_WRAPPERS, ' $1 ');
  out = out.replace(/\\approx|\\sim/g, ' approximately ').replace(/\\times/g, ' x ');
  out = out.replace(/\\[,;:! ]|\\quad|\\\(|\\\)|\\\[|\\\]|\$/g, ' ');
  // Markdown: code ticks, emphasis, headings, quotes, bullets, numbered list markers, table pipes.
  out = out
    .replace(/`+/g, ' ')
    .replace(/\*+/g, ' ')
    .replace(/(^|[^a-z0-9])_+|_+(?=[^a-z0-9]|$)/g, '$1 ');
  out = out.replace(/^[ \t]*(?:#{1,6}|>+|[-+\u2022]|\d{1,2}[.)])[ \t]+/gm, '');
  out = out.replace(/\|/g, ' ; ');
  // Dashes and minus signs become '-' (quantities here are never negative); hedging symbols become words.
  out = out.replace(/[\u2010-\u2015\u2212]/g, '-');
  out = out.replace(/[~\u2248\u223c]/g, ' approximately ');
  // Thousands separators: 1,234.5 → 1234.5 (a comma followed by exactly three digits).
  out = out.replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
  return out.replace(/[ \t]+/g, ' ').trim();
}
