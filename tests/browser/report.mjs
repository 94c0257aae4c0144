// report.mjs - opens the HTML report in the system's headless Chromium and
// checks what a reader gets: every chart's text is real, selectable text;
// no two labels of a chart overlap as Chromium lays them out (an independent
// check of the metrics the charts are laid out with); the page has no
// horizontal overflow at phone and desktop widths; and a screenshot.
//
//   node report.mjs REPORT.html SCREENSHOT.png
// Prints one "ok ..." or "FAIL ..." line per check and "browser: N passed, M failed".
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [file, shot] = process.argv.slice(2);
let passed = 0, failed = 0;
const check = (ok, what) => { ok ? passed++ : failed++; console.log(`${ok ? 'ok' : 'FAIL'} ${what}`); };

const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'ladder-pw-')), {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = ctx.pages()[0] || await ctx.newPage();
  const requests = [];
  page.on('request', r => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url()); });
  for (const width of [1000, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('file://' + file);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 1, `no horizontal overflow at ${width} px (${overflow} px)`);
  }
  await page.setViewportSize({ width: 1000, height: 900 });
  await page.goto('file://' + file);
  check(requests.length === 0, `no network requests (${requests.join(', ')})`);
  const charts = await page.evaluate(() => [...document.querySelectorAll('svg.chart')].map(svg => {
    const boxes = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim() && t.getAttribute('font-size') !== null)
      .map(t => ({ s: t.textContent, b: t.getBBox() }));
    const title = svg.querySelector('title')?.textContent || '';
    const overlaps = [];
    // the ink box of a line of text: DejaVu's caps and descenders, not the line box
    const ink = b => ({ x0: b.x, x1: b.x + b.width, y0: b.y + b.height * 0.15, y1: b.y + b.height * 0.9 });
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = ink(boxes[i].b), c = ink(boxes[j].b);
      if (a.x0 < c.x1 - 0.5 && c.x0 < a.x1 - 0.5 && a.y0 < c.y1 - 0.5 && c.y0 < a.y1 - 0.5) overlaps.push(`'${boxes[i].s}' / '${boxes[j].s}'`);
    }
    const vb = svg.viewBox.baseVal;
    const outside = boxes.filter(x => x.b.x < -0.5 || x.b.x + x.b.width > vb.width + 0.5).map(x => x.s);
    return { title, n: boxes.length, overlaps, outside, labelled: !!svg.getAttribute('aria-labelledby') };
  }));
  const minCharts = Number(process.env.MIN_CHARTS || 4);
  check(charts.length >= minCharts, `${charts.length} charts (at least ${minCharts})`);
  for (const c of charts) {
    check(c.n > 0 && c.labelled, `${c.title}: ${c.n} text elements, labelled`);
    check(c.overlaps.length === 0, `${c.title}: no overlapping labels ${c.overlaps.slice(0, 3).join('; ')}`);
    check(c.outside.length === 0, `${c.title}: no label outside the chart ${c.outside.slice(0, 3).join('; ')}`);
  }
  // text in a chart can be found like any text on the page
  const found = await page.getByText('Tewerkstellingsplaatsen', { exact: true }).count();
  check(found >= 1, 'chart text found by a text query');
  await page.screenshot({ path: shot, fullPage: false });
  check(true, 'screenshot ' + shot);
} finally {
  await ctx.close();
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
