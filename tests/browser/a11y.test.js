// a11y.test.js - every page type ladder makes through the Nu HTML checker
// (vnu.jar from the npm package vnu-jar, run with Debian's Java) and axe-core
// (WCAG 2.1 A and AA rules) in headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core), at desktop width and at 390 px. Run by
// tests/cli/t8530-a11y-pages.sh, which makes the database, the survey link
// and the HTML report, and starts one `ladder serve --survey`.
//
// Environment:
//   LADDER_URL  the server, e.g. http://127.0.0.1:23456 (required)
//   PAGES       a JSON array of [name, path or file URL, expected status]
//               (required); a path is fetched from LADDER_URL
//   SURVEY      name of the survey form page in PAGES: it is also sent with
//               a negative number (the page with the error summary checked),
//               then corrected and sent (the page saying it was received)
//   SAVE_DIR    where the HTML as sent is kept for vnu (required)
// The page named "home" is also checked with the search suggestions open.
//   JAVA        the Java runtime (default java)
//   CHROMIUM    the browser (default /usr/bin/chromium)
//
// The HTML checked by vnu is the body the server sent (the report: the file),
// not the DOM after scripts; axe sees the page as a person gets it, scripts
// run. Each vnu error is printed with its page and line, each axe violation
// with its rule, impact, targets and page and width.
// Prints "browser: N passed, M failed" and exits 1 on any failure.
'use strict';

const { execFile } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { launch } = require('./launch');

const BASE = process.env.LADDER_URL;
const SAVE_DIR = process.env.SAVE_DIR;
const JAVA = process.env.JAVA || 'java';
let PAGES;
try {
  PAGES = JSON.parse(process.env.PAGES || '');
} catch {
  PAGES = null;
}
if (!BASE || !SAVE_DIR || !Array.isArray(PAGES) || !PAGES.length) {
  console.error('a11y.test.js: set LADDER_URL, PAGES and SAVE_DIR');
  process.exit(2);
}
const AXE = require.resolve('axe-core/axe.min.js');
const VNU = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const WIDTHS = [
  ['desktop', { width: 1280, height: 900 }],
  ['390px', { width: 390, height: 844 }],
];

let passed = 0;
let failed = 0;
function ok(cond, what, detail) {
  if (cond) {
    passed++;
    return true;
  }
  failed++;
  console.log(`FAIL ${what}` + (detail !== undefined ? `\n    ${String(detail).replace(/\n/g, '\n    ')}` : ''));
  return false;
}

// axe-core in the page (CSP is bypassed for the test's own script only:
// the pages allow no inline script), violations of the WCAG 2.1 A/AA rules
async function axeCheck(page, name, width) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE });
  const res = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    TAGS,
  );
  const lines = [];
  for (const v of res.violations)
    for (const n of v.nodes)
      lines.push(`${v.id} (${v.impact}): ${n.target.join(' ')}: ${v.help}` + (n.failureSummary ? `\n  ${n.failureSummary.replace(/\n/g, ' ')}` : ''));
  ok(lines.length === 0, `axe ${name} at ${width}: ${lines.length} violation(s)`, lines.join('\n'));
}

// the page as sent, kept for vnu
const saved = []; // [file, page name]
function save(name, html) {
  const file = path.join(SAVE_DIR, name.replace(/[^A-Za-z0-9_.-]+/g, '_') + '.html');
  fs.writeFileSync(file, html);
  saved.push([file, name]);
}

function vnu(files) {
  return new Promise((resolve) => {
    execFile(JAVA, ['-jar', VNU, '--errors-only', '--format', 'json', ...files], { maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      // exit 1 when there are errors; the messages are on stderr
      resolve({ code: err ? err.code : 0, out: stderr || stdout });
    });
  });
}

(async () => {
  const t0 = Date.now();
  const ctx = await launch({ bypassCSP: true });
  const page = ctx.pages()[0] || (await ctx.newPage());
  // no script error and no failed request for what the page loads (the page
  // itself may be a 404: Chromium logs that as a failed resource too)
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.request().isNavigationRequest()) problems.push(`${r.status()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => problems.push(`${r.failure() && r.failure().errorText} ${r.url()}`));
  try {
    for (const [name, where, status] of PAGES) {
      const url = where.startsWith('file:') ? where : BASE + where;
      problems.length = 0;
      // loaded once at desktop width, then narrowed: the page reflows as on
      // a phone (media queries, wrapped tables) without a second load
      await page.setViewportSize(WIDTHS[0][1]);
      const resp = await page.goto(url, { waitUntil: 'load' });
      if (where.startsWith('file:')) {
        save(name, fs.readFileSync(new URL(where), 'utf8'));
      } else {
        ok(resp && resp.status() === status, `${name} (${where}): status ${status}`, resp ? `got ${resp.status()}` : 'no response');
        if (resp) save(name, await resp.text());
      }
      for (const [width, size] of WIDTHS) {
        await page.setViewportSize(size);
        await axeCheck(page, name, width);
      }
      // WCAG 1.4.10 (reflow, which axe does not check): at 390 px nothing
      // but a table's own box scrolls sideways
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      ok(wide <= WIDTHS[1][1].width, `${name} at 390px: no horizontal scroll of the page`, `the page is ${wide} px wide`);
      ok(problems.length === 0, `${name}: no script error, no failed request`, problems.join('\n'));
    }
    // the home page with the script's search suggestions open
    const home = PAGES.find((p) => p[0] === 'home');
    if (home) {
      await page.setViewportSize(WIDTHS[0][1]);
      await page.goto(BASE + home[1]);
      await page.locator('#q').pressSequentially('Brugge', { delay: 20 });
      const shown = await page
        .waitForFunction(() => {
          const a = [...document.querySelectorAll('#suggest li a')];
          return a.length > 0 && a.every((x) => /brugge/i.test(x.textContent));
        }, null, { timeout: 10000 })
        .then(() => true, () => false);
      if (ok(shown, 'home: suggestions shown for "Brugge"'))
        for (const [width, size] of WIDTHS) {
          await page.setViewportSize(size);
          await axeCheck(page, 'home with suggestions', width);
        }
    }
    // the survey form with an error summary: a negative number sent
    const survey = PAGES.find((p) => p[0] === process.env.SURVEY);
    if (survey) {
      await page.setViewportSize(WIDTHS[0][1]);
      await page.goto(BASE + survey[1]);
      await page.locator('input[type=number]').first().fill('-3');
      const [resp] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.locator('button[value=final]').click(),
      ]);
      await page.waitForLoadState('load');
      ok((await page.locator('#errors[role=alert] li').count()) > 0, 'survey with a negative number: an error summary',
        (await page.locator('body').innerText()).slice(0, 400));
      save('survey-errors', await resp.text());
      for (const [width, size] of WIDTHS) {
        await page.setViewportSize(size);
        await axeCheck(page, 'survey-errors', width);
      }
      // corrected and sent: the page that says it was received
      await page.setViewportSize(WIDTHS[0][1]);
      for (const f of await page.locator('input[type=number]').all()) await f.fill('12');
      for (const c of await page.locator('textarea').all()) await c.fill('nieuwe site');
      const [sent] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.locator('button[value=final]').click(),
      ]);
      await page.waitForLoadState('load');
      ok((await page.locator('p.receipt[role=status]').count()) === 1, 'survey corrected and sent: the receipt',
        (await page.locator('body').innerText()).slice(0, 600));
      save('survey-sent', await sent.text());
      for (const [width, size] of WIDTHS) {
        await page.setViewportSize(size);
        await axeCheck(page, 'survey-sent', width);
      }
    }
  } catch (e) {
    ok(false, 'browser session', e.stack || String(e));
  } finally {
    await ctx.close();
  }
  const t1 = Date.now();

  // one vnu run over every page as sent
  const byFile = new Map(saved);
  const { code, out } = await vnu(saved.map((s) => s[0]));
  let msgs = [];
  try {
    msgs = JSON.parse(out).messages || [];
  } catch {
    ok(false, `vnu: output is not JSON (exit ${code})`, out.slice(0, 2000));
  }
  const errs = msgs.filter((m) => m.type === 'error' || m.subType === 'fatal' || m.type === 'non-document-error');
  for (const m of errs) {
    const file = m.url ? decodeURIComponent(new URL(m.url).pathname) : '?';
    console.log(`FAIL vnu ${byFile.get(file) || file}:${m.lastLine || m.firstLine || '?'}: ${m.message}` +
      (m.extract ? `\n    ${m.extract.replace(/\n/g, ' ')}` : ''));
  }
  failed += errs.length;
  ok(errs.length > 0 || code === 0, `vnu exits 0 without errors (exit ${code})`, out.slice(0, 2000));
  if (errs.length === 0) passed += saved.length; // each page clean
  console.log(`a11y: ${saved.length} pages, browser ${((t1 - t0) / 1000).toFixed(1)} s, vnu ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})();
