// charts.test.js - the charts and the map of the area page in headless
// Chromium (run by tests/cli/t7800-serve-charts-maps.sh):
// - the ladder chart's data table holds the figures of `ladder show --format
//   json` (EXPECT, a file), and the map's ranking the persons of rungs 3-5 per
//   1 000 inhabitants that the database gives (each municipality's total from
//   its own `ladder show`, its population from the context table);
// - every chart is an inline SVG with a title and a description, in a figure
//   with a data table and three downloads;
// - Tab alone reaches a chart's download link;
// - at 390 px there is no horizontal scroll.
// Screenshots go to SHOTS. Prints "ok ..."/"FAIL ..." lines and a summary.
'use strict';
const { launch } = require('./launch');
const fs = require('fs');
const path = require('path');

const [base, expectFile, shots] = process.argv.slice(2);
const expect = JSON.parse(fs.readFileSync(expectFile, 'utf8'));
let passed = 0, failed = 0;
const check = (ok, what) => { ok ? passed++ : failed++; console.log(`${ok ? 'ok' : 'FAIL'} ${what}`); };
// Belgian number style as the page prints it: 56.721 and 78,8
const be = (v, d) => v.toFixed(d).replace('.', ',').replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const num = s => parseFloat(s.replace(/\u00a0.*$/, '').replace(/\./g, '').replace(',', '.'));

(async () => {
  const ctx = await launch();
  try {
    const page = ctx.pages()[0] || await ctx.newPage();
    await page.setViewportSize({ width: 1100, height: 1000 });
    await page.goto(`${base}/area/30000?year=2017`);

    const figs = await page.$$eval('figure.chart', fs => fs.map(f => ({
      id: f.id, svg: !!f.querySelector('svg[role=img] > title') && !!f.querySelector('svg > desc'),
      table: !!f.querySelector('details table'), dl: [...f.querySelectorAll('.downloads a[download]')].map(a => a.getAttribute('href')),
    })));
    check(figs.length >= 6, `the page shows the report's charts (${figs.length})`);
    check(figs.every(f => f.svg && f.table && f.dl.length === 3), 'each chart: inline SVG with title and description, a data table, three downloads');

    // the ladder chart's table against `ladder show`
    const ladder = await page.$$eval('#fig1 details tbody tr', rs => rs.map(r => [...r.children].map(c => c.textContent.trim())));
    for (const r of expect.rungs) {
      const row = ladder.find(x => x[0].startsWith(`Trede ${r.rung}:`));
      check(row && num(row[1]) === r.persons && row[2].startsWith(be(r.share, 1)), `ladder chart, rung ${r.rung}: ${row && row[1]} = ${r.persons}`);
    }
    const tot = ladder.find(x => x[0] === 'Treden 3-5');
    check(tot && num(tot[1]) === expect.total, `ladder chart, rungs 3-5: ${tot && tot[1]} = ${expect.total}`);

    // the map's ranking against the database
    const rank = await page.$$eval('figure.map details tbody tr', rs => rs.map(r => [...r.children].map(c => c.textContent.trim())));
    check(rank.length === 64, `the map of West-Vlaanderen has its 64 municipalities (${rank.length})`);
    for (const m of expect.municipalities) {
      const row = rank.find(x => x[0] === m.name);
      const want = be(m.total / m.population * 1000, 1);
      check(row && row[1].startsWith(want), `map, ${m.name}: ${row && row[1]} = ${want}`);
    }
    const vals = rank.map(r => num(r[1])).filter(v => !isNaN(v));
    check(vals.every((v, i) => i === 0 || vals[i - 1] >= v), 'the ranking runs from high to low');
    check(await page.$$eval('figure.map svg path', ps => ps.length) >= 64, 'the map draws a shape per municipality');
    await page.screenshot({ path: path.join(shots, 'charts-province.png'), fullPage: true });

    // keyboard: Tab alone reaches a chart's download
    let reached = false;
    for (let i = 0; i < 250 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => !!document.activeElement.closest('figure.chart .downloads'));
    }
    check(reached, 'Tab reaches a chart\'s download link');

    // a phone: no horizontal scroll on a province and a municipality page
    await page.setViewportSize({ width: 390, height: 844 });
    for (const code of ['30000', '31005']) {
      await page.goto(`${base}/area/${code}?year=2017`);
      const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      check(over <= 1, `no horizontal scroll at 390 px on /area/${code} (${over} px)`);
    }
    await page.screenshot({ path: path.join(shots, 'charts-municipality-390.png'), fullPage: true });
  } catch (e) {
    check(false, `browser run: ${e.message}`);
  } finally {
    await ctx.close();
  }
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})();
