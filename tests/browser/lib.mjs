// What both browser suites share: counting checks, axe-core (WCAG 2.1 A and AA) on a page,
// and the W3C Nu HTML Checker on the HTML of many pages.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);

export const failures = [];
let checks = 0;

export function check(ok, what) {
  checks++;
  if (!ok) {
    failures.push(what);
    console.error(`FAIL ${what}`);
  }
}

/** Runs axe-core on the page as it is now; each violation is a failed check. */
export async function runAxe(page, name) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  for (const v of result.violations) {
    check(false, `axe ${name}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
  check(true, `axe ${name}`);
}

/** The Nu HTML Checker on each (name, html); returns how many pages it read. */
export function checkHtml(pages) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotsbok-vnu-'));
  const files = [...pages].map(([name, html], i) => {
    const f = path.join(dir, `page-${i}.html`);
    fs.writeFileSync(f, html);
    return [f, name];
  });
  const jar = require.resolve('vnu-jar/build/dist/vnu.jar');
  let out;
  try {
    out = execFileSync('java', ['-jar', jar, '--format', 'json', '--stdout', ...files.map((f) => f[0])], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    out = e.stdout; // non-zero exit when there are errors
  }
  for (const m of (JSON.parse(out).messages || []).filter((m) => m.type === 'error')) {
    const name = (files.find((f) => m.url && m.url.endsWith(path.basename(f[0]))) || [null, m.url])[1];
    check(false, `HTML ${name}: ${m.message} (line ${m.lastLine})`);
  }
  return files.length;
}

/** Prints the tally and ends the process: non-zero if a check failed. */
export function finish() {
  console.log(`${checks - failures.length} passed, ${failures.length} failed`);
  process.exit(failures.length ? 1 : 0);
}

/**
 * Chromium for the suites on the demo's data: `signedIn` (a demo account, Swedish, a
 * viewport), `open` (a page that must answer, with axe-core and no sideways scrolling; its
 * HTML kept in `pages` for the HTML checker), `shot` (a screenshot when `shots` is set).
 */
export async function demoBrowser(base, password, shots) {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const pages = [];
  async function signedIn(email, viewport) {
    const context = await browser.newContext({ viewport, locale: 'sv-SE', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(base + '/login');
    await page.fill('#f-email', email);
    await page.fill('#f-password', password);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]:has-text("Logga in")')]);
    return page;
  }
  async function open(page, url, name) {
    const res = await page.goto(base + url);
    check(res && res.ok(), `${name}: ${url} answers ${res && res.status()}`);
    pages.push([name, await res.text()]);
    await runAxe(page, name);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    check(overflow <= 1, `${name}: no sideways scrolling (${overflow} px)`);
  }
  async function shot(page, file, fullPage = false) {
    if (shots) {
      fs.mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: path.join(shots, file), fullPage });
    }
  }
  return { browser, pages, signedIn, open, shot };
}
