/**
 * The viewer page: one self-contained HTML file (inline CSS, inline script,
 * the data as a JSON block), opened from disk without a server. Frame images
 * are referenced by paths relative to the page.
 *
 * Escaping: every dataset string travels inside the JSON block, where `<`,
 * `>`, `&`, U+2028 and U+2029 are written as `\uXXXX` escapes, so no string can
 * close the block or start markup; the script then renders strings only as
 * text (`textContent`, `setAttribute`).
 */
import { CLIENT_SCRIPT } from './client-script';
import type { ClipPlot } from './trajectories';

/** One sample as the page stores it (short keys: 10,000 samples stay a few MB). */
export interface PageSample {
  /** Sample id. */
  readonly i: string;
  /** Task id. */
  readonly t: string;
  /** Source dataset. */
  readonly d: string;
  /** Clip id. */
  readonly c: string;
  /** Question (the human turn). */
  readonly q: string;
  /** Answer (the gpt turn). */
  readonly a: string;
  /** Label. */
  readonly l: Record<string, unknown>;
  /** Named objects: `[trackId, category, colour]`. */
  readonly o: [string, string, string][];
  /** Frame paths relative to the page, when the frames exist. */
  readonly f?: string[];
  /** Why frames are not shown, when the sample names frames that are missing. */
  readonly fn?: string;
  /** Clip seconds of the frames shown. */
  readonly ft: number[];
}

/** Everything the page shows. */
export interface PageData {
  readonly samples: PageSample[];
  /** Plot data by clip id; null when no clips were given. */
  readonly clips: Record<string, ClipPlot> | null;
  /** Why there are no plots (shown when `clips` is null). */
  readonly noClipsReason: string;
  /** Box colour name → CSS colour. */
  readonly colors: Record<string, string>;
  /** Problems met while reading (invalid lines, missing clips). */
  readonly warnings: string[];
}

/** JSON that is safe inside a `<script>` element: no `<`, `>`, `&` or line separators in clear. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;color:#1d2025;background:#f6f7f9}
header.top{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid #dde;padding:.6rem 1rem;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
header.top h1{font-size:1.05rem;margin:0}select{font:inherit;padding:.2rem}#count{color:#556}
#banner:empty,#warnings:empty{display:none}#banner{background:#fff4d6;border:1px solid #e8c66a;margin:.8rem 1rem;padding:.5rem .8rem}
#warnings{margin:.4rem 1rem;color:#8a3b12;font-size:12px}
main{padding:0 1rem 2rem}article.sample{background:#fff;border:1px solid #dde;border-radius:6px;margin:.8rem 0;padding:.6rem .8rem}
article header{display:flex;gap:.6rem;flex-wrap:wrap;font-size:12px;color:#556}article header .task{font-weight:600;color:#1d2025}
article header .id{font-family:ui-monospace,monospace;overflow-wrap:anywhere}
.objects{margin:.3rem 0;display:flex;gap:.8rem;flex-wrap:wrap;font-size:12px}.swatch{display:inline-block;width:.8em;height:.8em;border:1px solid #555;margin-right:.3em;vertical-align:-1px}
.body{display:flex;gap:1rem;flex-wrap:wrap}.text{flex:1 1 380px;min-width:0}.text h3{font-size:11px;text-transform:uppercase;color:#778;margin:.5rem 0 .1rem}
.question,.answer{white-space:pre-wrap;overflow-wrap:anywhere;margin:0}.label{font-family:ui-monospace,monospace;font-size:12px;margin:0;overflow-wrap:anywhere}
.plot{flex:0 0 360px}.plot svg{display:block;border-radius:4px}.note{font-size:12px;color:#667;margin:.3rem 0}
.frames{display:flex;gap:.3rem;overflow-x:auto;margin-top:.5rem}.frames figure{margin:0;flex:0 0 auto}.frames img{height:110px;display:block;background:#ddd}
.frames figcaption{font-size:11px;color:#667;text-align:center}#more{height:40px;text-align:center;color:#778}
`;

/** The complete HTML document for `data`. */
export function renderViewerPage(data: PageData, options: { title?: string } = {}): string {
  const title = (options.title ?? 'STKit samples').replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="stkit view">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="top">
<h1>${title}</h1>
<label>Task <select id="task"></select></label>
<label>Dataset <select id="dataset"></select></label>
<span id="count"></span>
</header>
<div id="banner"></div>
<ul id="warnings"></ul>
<main><div id="samples"></div><div id="more">loading more…</div></main>
<script type="application/json" id="stkit-data">${jsonForScript(data)}</script>
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`;
}
