import { describe, expect, it } from 'vitest';
import { DEBIAN_PYTHON, PROCESS_TIMEOUT_MS, runProcess } from '@stkit/test-data';
import { markdownTable } from './markdown-table';
import { escapeXml, renderBarChartSvg } from './svg-chart';

describe('renderBarChartSvg', () => {
  const svg = renderBarChartSvg(
    [
      {
        title: 'A & B <test>',
        groups: ['g1', "g'2"],
        yMax: 100,
        series: [
          { name: 'x', values: [50, null] },
          { name: 'y', values: [100, 25] },
        ],
      },
      { title: 'second', groups: ['only'], series: [{ name: 'x', values: [3] }] },
    ],
    { title: 'Chart' },
  );
  it('draws one bar per non-null value, scaled to the axis', () => {
    expect(svg.match(/<rect [^>]*><title>/g)).toHaveLength(4);
    // Plot height = 260 - 36 - 72 = 152: a value of 50 of 100 is 76 high, 100 is 152.
    expect(svg).toMatch(/height="76\.0" fill="#0072B2"><title>x · g1: 50<\/title>/);
    expect(svg).toMatch(/height="152\.0" fill="#E69F00"><title>y · g1: 100<\/title>/);
    expect(svg).toContain('A &amp; B &lt;test&gt;');
    expect(escapeXml(`"'`)).toBe('&quot;&apos;');
  });
  it(
    'is well-formed XML for a peer parser (Python xml.etree)',
    async () => {
      const { stdout: count } = await runProcess(
        DEBIAN_PYTHON,
        [
          '-c',
          'import sys,xml.etree.ElementTree as E; r=E.fromstring(sys.stdin.read()); print(len(r.findall(".//{http://www.w3.org/2000/svg}rect")))',
        ],
        { input: svg },
      );
      // 1 background + 2 legend swatches + 4 bars
      expect(Number(count)).toBe(7);
    },
    PROCESS_TIMEOUT_MS,
  );
});

describe('renderBarChartSvg group links', () => {
  it(
    'wraps each linked group in an <a href> that a peer XML parser reads back, escaped',
    async () => {
      const linked = renderBarChartSvg([
        {
          title: 't',
          groups: ['x', 'y'],
          groupLinks: ['view/index.html#task=a&b', undefined],
          series: [{ name: 'm', values: [1, 2] }],
        },
      ]);
      expect(linked).toContain('<a href="view/index.html#task=a&amp;b">');
      const script =
        'import sys,xml.etree.ElementTree as E; r=E.fromstring(sys.stdin.read()); ns="{http://www.w3.org/2000/svg}"; print([(a.get("href"), len(a.findall(ns+"rect")), a.find(ns+"text").text) for a in r.iter(ns+"a")])';
      const { stdout } = await runProcess(DEBIAN_PYTHON, ['-c', script], { input: linked });
      expect(stdout.trim()).toBe("[('view/index.html#task=a&b', 1, 'x')]");
    },
    PROCESS_TIMEOUT_MS,
  );
});

describe('markdownTable', () => {
  it('aligns the first column left, the rest right, and escapes pipes', () => {
    expect(markdownTable(['a', 'b'], [['x|y', '1']])).toBe('| a | b |\n| :--- | ---: |\n| x\\|y | 1 |');
  });
});
