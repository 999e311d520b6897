/**
 * Grouped bar charts as standalone SVG, written by hand (no dependency):
 * one or more panels stacked vertically, each with groups along x, one bar
 * per series in a group, a y axis with gridlines, and a legend. Colours are
 * the Okabe–Ito palette (distinguishable with colour-vision deficiencies).
 */

/** One series (a model, or "before"/"after"). */
export interface ChartSeries {
  readonly name: string;
  /** One value per group; null draws no bar. */
  readonly values: readonly (number | null)[];
}

/** One panel of bars. */
export interface ChartPanel {
  readonly title: string;
  /** Group labels along x. */
  readonly groups: readonly string[];
  readonly series: readonly ChartSeries[];
  /** Top of the y axis. @default the largest value, rounded up */
  readonly yMax?: number;
  /** Label of the y axis, e.g. "accuracy (%)". */
  readonly yLabel?: string;
  /** A link per group (e.g. into the `stkit view` page of the samples); the group's bars and label become links. */
  readonly groupLinks?: readonly (string | undefined)[];
}

export const PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#000000',
] as const;

const PANEL_HEIGHT = 260;
const MARGIN = { left: 64, right: 16, top: 36, bottom: 72 };

/** Escapes text for SVG content and attributes. */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[char]!,
  );
}

function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * power) return step * power;
  return 10 * power;
}

function formatTick(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(value < 1 ? 2 : 1);
}

function renderPanel(panel: ChartPanel, top: number, width: number): string {
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = PANEL_HEIGHT - MARGIN.top - MARGIN.bottom;
  const x0 = MARGIN.left;
  const y0 = top + MARGIN.top;
  let max = 0;
  for (const series of panel.series) for (const value of series.values) if (value !== null && value > max) max = value;
  const yMax = panel.yMax ?? niceCeiling(max);
  const parts: string[] = [
    `<text x="${x0}" y="${top + 22}" font-size="14" font-weight="bold">${escapeXml(panel.title)}</text>`,
  ];
  for (let tick = 0; tick <= 4; tick++) {
    const value = (yMax * tick) / 4;
    const y = y0 + plotHeight - (plotHeight * tick) / 4;
    parts.push(`<line x1="${x0}" y1="${y.toFixed(1)}" x2="${x0 + plotWidth}" y2="${y.toFixed(1)}" stroke="#ddd"/>`);
    parts.push(
      `<text x="${x0 - 6}" y="${(y + 4).toFixed(1)}" font-size="11" text-anchor="end">${formatTick(value)}</text>`,
    );
  }
  if (panel.yLabel) {
    const cy = y0 + plotHeight / 2;
    parts.push(
      `<text x="14" y="${cy.toFixed(1)}" font-size="11" text-anchor="middle" transform="rotate(-90 14 ${cy.toFixed(1)})">${escapeXml(panel.yLabel)}</text>`,
    );
  }
  const groupWidth = plotWidth / Math.max(panel.groups.length, 1);
  const barWidth = (groupWidth * 0.8) / Math.max(panel.series.length, 1);
  panel.groups.forEach((group, groupIndex) => {
    const href = panel.groupLinks?.[groupIndex];
    if (href !== undefined) parts.push(`<a href="${escapeXml(href)}">`);
    const gx = x0 + groupIndex * groupWidth + groupWidth * 0.1;
    panel.series.forEach((series, seriesIndex) => {
      const value = series.values[groupIndex];
      if (value === null || value === undefined || !Number.isFinite(value)) return;
      const height = (Math.min(value, yMax) / yMax) * plotHeight;
      const x = gx + seriesIndex * barWidth;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${(y0 + plotHeight - height).toFixed(1)}" width="${Math.max(barWidth - 1, 1).toFixed(1)}" height="${height.toFixed(1)}" fill="${PALETTE[seriesIndex % PALETTE.length]}"><title>${escapeXml(`${series.name} · ${group}: ${formatTick(Math.round(value * 100) / 100)}`)}</title></rect>`,
      );
    });
    const lx = gx + groupWidth * 0.4;
    const ly = y0 + plotHeight + 14;
    parts.push(
      `<text x="${lx.toFixed(1)}" y="${ly.toFixed(1)}" font-size="10" text-anchor="end" transform="rotate(-30 ${lx.toFixed(1)} ${ly.toFixed(1)})">${escapeXml(group)}</text>`,
    );
    if (href !== undefined) parts.push('</a>');
  });
  parts.push(`<line x1="${x0}" y1="${y0 + plotHeight}" x2="${x0 + plotWidth}" y2="${y0 + plotHeight}" stroke="#333"/>`);
  return parts.join('\n');
}

/**
 * Renders panels stacked vertically into one standalone SVG document, with one legend for all series names.
 * @param options - `width` in px (default: from the number of bars) and a `title` above the legend.
 */
export function renderBarChartSvg(
  panels: readonly ChartPanel[],
  options: { width?: number; title?: string } = {},
): string {
  const width =
    options.width ??
    Math.max(
      560,
      Math.max(0, ...panels.map((panel) => panel.groups.length * Math.max(panel.series.length, 1))) * 18 +
        MARGIN.left +
        MARGIN.right,
    );
  const names = [...new Set(panels.flatMap((panel) => panel.series.map((series) => series.name)))];
  const titleHeight = options.title ? 28 : 0;
  const legendHeight = 24;
  const height = titleHeight + legendHeight + panels.length * PANEL_HEIGHT;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
  ];
  if (options.title)
    parts.push(
      `<text x="${width / 2}" y="20" font-size="16" font-weight="bold" text-anchor="middle">${escapeXml(options.title)}</text>`,
    );
  let lx = MARGIN.left;
  names.forEach((name, index) => {
    parts.push(
      `<rect x="${lx}" y="${titleHeight + 6}" width="12" height="12" fill="${PALETTE[index % PALETTE.length]}"/>`,
    );
    parts.push(`<text x="${lx + 16}" y="${titleHeight + 16}" font-size="12">${escapeXml(name)}</text>`);
    lx += 16 + name.length * 7 + 18;
  });
  panels.forEach((panel, index) =>
    parts.push(renderPanel(panel, titleHeight + legendHeight + index * PANEL_HEIGHT, width)),
  );
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
