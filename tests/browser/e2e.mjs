// End-to-end tests of Lotsbok in headless Chromium: the flows of a mover, a guide, a
// coordinator and an admin; axe-core (WCAG 2.1 A and AA) and the W3C Nu HTML Checker on
// every page they reach, in Swedish and English (public pages in all four languages); one
// flow by keyboard alone; the main pages at 390×844 without horizontal scrolling.
// Started by tests/browser.rs, which starts the server on a fresh database and passes:
// BASE_URL, SETUP_LINK, MAIL_DIR, GUIDE_EMAIL, GUIDE_PASSWORD.
import { chromium } from 'playwright-core';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { check, checkHtml, finish, runAxe } from './lib.mjs';

const BASE = process.env.BASE_URL;
const MAIL_DIR = process.env.MAIL_DIR;
const pages = new Map(); // url -> html, for the HTML checker

const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
if (!chromiumPath) {
  console.error('no Chromium at /usr/bin/chromium: install Debian\'s chromium package');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});

async function newPage(viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ bypassCSP: true, viewport, acceptDownloads: true, locale: 'sv-SE' });
  return context.newPage();
}

/** Opens a page, keeps its HTML for the checker, and runs axe on it. */
async function visit(page, url, { axe = true } = {}) {
  const res = await page.goto(BASE + url);
  check(res && res.ok(), `${url} answers ${res && res.status()}`);
  const html = await res.text();
  pages.set(url + ` [${pages.size}]`, html);
  if (axe) await runAxe(page, url);
  return html;
}

/** Keeps the HTML of the page the browser shows now (after a form was sent). */
async function keep(page, name) {
  const html = await page.evaluate(async () => (await fetch(location.href, { credentials: 'same-origin' })).text());
  pages.set(name + ` [${pages.size}]`, html);
}

/** Issue 17, item 3: every one-line field of the page as tall as the others (text, e-mail,
 *  tel, number, date, datetime-local, password, search and select), textareas at least as
 *  tall; disclosures are opened first so their fields are measured too. */
async function fieldsAlike(page, name) {
  const found = await page.evaluate(() => {
    document.querySelectorAll('details').forEach((d) => { d.open = true; });
    const one = [...document.querySelectorAll('main input, main select')]
      .filter((e) => !['hidden', 'checkbox', 'radio', 'file', 'submit'].includes(e.type) && e.offsetParent !== null)
      .map((e) => [e.type || e.tagName.toLowerCase(), e.getBoundingClientRect().height]);
    const areas = [...document.querySelectorAll('main textarea')].map((e) => e.getBoundingClientRect().height);
    return { one, areas };
  });
  const heights = found.one.map((f) => f[1]);
  const min = Math.min(...heights);
  const max = Math.max(...heights);
  check(found.one.length > 0, `${name}: fields to measure`);
  check(max - min <= 2, `${name}: one-line fields differ in height: ${JSON.stringify(found.one)}`);
  check(found.areas.every((h) => h >= max), `${name}: a textarea lower than a field`);
  return new Set(found.one.map((f) => f[0]));
}
const measured = new Set();

function latestMailWith(pattern) {
  const files = fs.readdirSync(MAIL_DIR).filter((f) => f.endsWith('.eml')).sort();
  for (const f of files.reverse()) {
    let raw = fs.readFileSync(path.join(MAIL_DIR, f), 'utf8');
    // Undo quoted-printable soft breaks and escapes, and base64 bodies, to find the link.
    let text = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    for (const block of raw.split(/\r?\n\r?\n/)) {
      if (/^[A-Za-z0-9+/=\r\n]+$/.test(block.trim()) && block.trim().length > 20) {
        text += Buffer.from(block.replace(/\s+/g, ''), 'base64').toString('utf8');
      }
    }
    const m = text.match(pattern);
    if (m) return m[0];
  }
  return null;
}

async function waitForMail(pattern) {
  for (let i = 0; i < 60; i++) {
    const found = latestMailWith(pattern);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 250));
  }
  return null;
}

async function login(page, email, password) {
  await page.goto(BASE + '/login');
  await page.fill('#f-email', email);
  await page.fill('#f-password', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]:has-text("Logga in")')]);
}

// --- The mover, in Dutch and in German ---------------------------------------------------
const mover = await newPage();
await visit(mover, '/interest?lang=nl');
(await fieldsAlike(mover, 'the interest form')).forEach((t) => measured.add(t));
await mover.goto(BASE + '/interest?lang=nl');
await mover.fill('#f-first_name', 'Sanne');
await mover.fill('#f-last_name', 'de Jong');
await mover.fill('#f-email', 'sanne@example.nl');
await mover.fill('#f-phone', '+31 6 1234 5678');
await mover.selectOption('#f-country', 'NL');
await mover.fill('#f-place', 'Utrecht');
await mover.fill('#f-adults', '2');
await mover.fill('#f-children', '1');
await mover.fill('#f-children_ages', '5');
await mover.fill('#f-occupation', 'Verpleegkundige');
await mover.check('#f-help-job');
await mover.check('#f-m-lycksele');
await mover.fill('#f-message', 'Wij houden van sneeuw.');
// Without consent the form comes back with the message, and what was typed kept.
await Promise.all([mover.waitForNavigation(), mover.click('button:has-text("Versturen")')]);
check((await mover.content()).includes('We hebben uw toestemming nodig'), 'the interest form asks for consent');
check(await mover.inputValue('#f-place') === 'Utrecht', 'the interest form keeps what was typed');
await runAxe(mover, '/interest (with errors)');
await keep(mover, '/interest (with errors)');
await mover.check('#f-consent-yes');
check(!(await mover.isChecked('#f-news-yes')), 'news and invitations are not ticked in advance');
await mover.check('#f-news-yes');
await Promise.all([mover.waitForNavigation(), mover.click('button:has-text("Versturen")')]);
check(mover.url().includes('/interest/thanks'), 'the mover is thanked');
check((await mover.content()).includes('Bedankt voor uw aanmelding'), 'the thanks are in Dutch');
await runAxe(mover, '/interest/thanks');
await keep(mover, '/interest/thanks');
await visit(mover, '/interest/lycksele?lang=de');
await mover.fill('#f-first_name', 'Klaus');
await mover.fill('#f-last_name', 'Müller');
await mover.fill('#f-email', 'klaus@example.de');
await mover.selectOption('#f-country', 'DE');
await mover.fill('#f-adults', '1');
await mover.check('#f-consent-yes');
await Promise.all([mover.waitForNavigation(), mover.click('button:has-text("Absenden")')]);
check((await mover.content()).includes('Vielen Dank'), 'the German mover is thanked in German');
// Issue 15, item 3: the same family again through the form, spelled otherwise, from another
// address but the same phone: a duplicate the guide merges below.
await visit(mover, '/interest/lycksele?lang=nl');
await mover.fill('#f-first_name', 'Sanne');
await mover.fill('#f-last_name', 'de Jongh');
await mover.fill('#f-email', 'sanne.dejongh@example.nl');
await mover.fill('#f-phone', '+31 6 1234 5678');
await mover.selectOption('#f-country', 'NL');
await mover.fill('#f-adults', '2');
await mover.check('#f-consent-yes');
await Promise.all([mover.waitForNavigation(), mover.click('button:has-text("Versturen")')]);
check(mover.url().includes('/interest/thanks'), 'the second submission is thanked');
// Item 4: Klaus withdraws his consent on his self-service page.
const klausLink = await waitForMail(/\/my\/[0-9a-f]{32}\?lang=de/);
check(klausLink, 'the German confirmation carries the self-service link');
if (klausLink) {
  await visit(mover, klausLink);
  await Promise.all([mover.waitForNavigation(), mover.click('button:has-text("Meine Einwilligung widerrufen")')]);
  await runAxe(mover, '/my (withdrawn)');
}
const dejonghMail = await waitForMail(/sanne\.dejongh@example\.nl[\s\S]*?\/my\/[0-9a-f]{32}\?lang=nl/);
const dejonghLink = dejonghMail && dejonghMail.match(/\/my\/[0-9a-f]{32}\?lang=nl/)[0];
check(dejonghLink, 'the second confirmation carries its own self-service link');
for (const l of ['sv', 'en', 'de', 'nl']) {
  await visit(mover, `/interest?lang=${l}`);
  await visit(mover, `/privacy?lang=${l}`);
  await visit(mover, `/accessibility?lang=${l}`);
}
await visit(mover, '/my?lang=en');
const selfLink = await waitForMail(/\/my\/[0-9a-f]{32}\?lang=nl/);
check(selfLink, 'the confirmation mail carries the self-service link');
if (selfLink) {
  await visit(mover, selfLink);
  (await fieldsAlike(mover, 'the self-service page')).forEach((t) => measured.add(t));
}

// --- The first admin, and an invitation ----------------------------------------------------
const admin = await newPage();
const setup = new URL(process.env.SETUP_LINK).pathname;
await visit(admin, setup);
await admin.fill('#f-name', 'Anna Admin');
await admin.fill('#f-email', 'anna@region10.se');
await admin.fill('#f-password', 'a long admin password');
await admin.fill('#f-password2', 'a long admin password');
await Promise.all([admin.waitForNavigation(), admin.click('button[type=submit]:not(:has-text("Logga ut"))')]);
check((await admin.content()).includes('Administratören är skapad'), 'the setup link makes the first admin');
for (const l of ['en', 'sv']) {
  for (const url of ['/', '/admin/users', '/admin/users/invite', '/admin/outbox', '/admin/audit']) {
    await visit(admin, `${url}?lang=${l}`);
  }
}
await admin.goto(BASE + '/admin/users/invite');
await admin.fill('#f-name', 'Petra Projektledare');
await admin.fill('#f-email', 'petra@region10.se');
await admin.check('#f-coordinator');
await Promise.all([admin.waitForNavigation(), admin.click('button:has-text("Skicka inbjudan")')]);
check((await admin.content()).includes('Inbjudan är skickad'), 'the invitation is sent');
const invite = await waitForMail(/\/invite\/[0-9a-f]{32}/);
check(invite, 'the invitation mail file holds a link');

// --- The invited coordinator: a report and its export --------------------------------------
const coord = await newPage();
if (invite) {
  await visit(coord, invite);
  await coord.fill('#f-password', 'a long coordinator password');
  await coord.fill('#f-password2', 'a long coordinator password');
  await Promise.all([coord.waitForNavigation(), coord.click('button:has-text("Spara lösenordet")')]);
  await login(coord, 'petra@region10.se', 'a long coordinator password');
  check(coord.url() === BASE + '/', 'the invited coordinator signs in');
}

// --- Two-factor sign-in, set up and used by keyboard alone (issue 21) ----------------------
/** RFC 6238 with the authenticator apps' defaults: the code of `step` for a base32 secret. */
function totp(secret, step) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...secret.replace(/=+$/, '')].map((c) => alphabet.indexOf(c).toString(2).padStart(5, '0')).join('');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const h = crypto.createHmac('sha1', key).update(msg).digest();
  const n = (h.readUInt32BE(h[h.length - 1] & 15) & 0x7fffffff) % 1e6;
  return String(n).padStart(6, '0');
}
const stepNow = () => Math.floor(Date.now() / 30000);
for (const l of ['en', 'sv']) {
  await visit(admin, `/settings/two-factor?lang=${l}`);
  await visit(admin, `/admin/two-factor?lang=${l}`);
}
await visit(admin, '/settings/two-factor/totp?lang=en');
await visit(admin, '/settings/two-factor/totp?lang=sv');
const totpSecret = (await admin.textContent('#totp-secret')).replace(/\s+/g, '');
check(/^[A-Z2-7]{32}$/.test(totpSecret), 'the set-up shows the secret in text');
check(await admin.evaluate(() => { const i = document.querySelector('img.qr'); return i && i.complete && i.naturalWidth > 0; }), 'the QR code is an image that loads');
if (await tabTo(admin, () => document.activeElement.id === 'f-code', 'the set-up code field')) {
  await admin.keyboard.type(totp(totpSecret, stepNow()));
  await admin.keyboard.press('Tab');
  check(await admin.evaluate(() => document.activeElement.id === 'f-password'), 'Tab goes on to the password');
  await admin.keyboard.type('a long admin password');
  await Promise.all([admin.waitForNavigation(), admin.keyboard.press('Enter')]);
}
check((await admin.content()).includes('Dina reservkoder'), 'a code from the secret turns two-factor sign-in on');
pages.set(`/settings/two-factor/totp (recovery codes) [${pages.size}]`, await admin.content());
await runAxe(admin, '/settings/two-factor/totp (recovery codes)');
for (const l of ['en', 'sv']) await visit(admin, `/settings/two-factor?lang=${l}`);
const second = await newPage();
await second.goto(BASE + '/login');
if (await tabTo(second, () => document.activeElement.id === 'f-email', 'the e-mail field')) {
  await second.keyboard.type('anna@region10.se');
  await second.keyboard.press('Tab');
  await second.keyboard.type('a long admin password');
  await Promise.all([second.waitForNavigation(), second.keyboard.press('Enter')]);
}
check(second.url() === BASE + '/login/code', `the password leads to the code page (${second.url()})`);
pages.set(`/login/code [${pages.size}]`, await second.content());
await runAxe(second, '/login/code');
if (await tabTo(second, () => document.activeElement.id === 'f-code', 'the sign-in code field')) {
  await second.keyboard.type(totp(totpSecret, stepNow() + 1));
  await Promise.all([second.waitForNavigation(), second.keyboard.press('Enter')]);
}
check(second.url() === BASE + '/', `a code from the app signs in (${second.url()})`);

// The admin requires two-factor sign-in of coordinators: the invited coordinator sets it up
// right after the password, before any other page.
await visit(admin, '/admin/two-factor');
await admin.check('#f-coordinator');
await Promise.all([admin.waitForNavigation(), admin.click('main form button[type=submit]')]);
check((await admin.content()).includes('Ändringarna är sparade'), 'the rule is saved');
await visit(admin, '/admin/users?lang=sv');
const petraId = await admin.evaluate(() => {
  const a = [...document.querySelectorAll('main a')].find((l) => l.textContent.includes('Petra'));
  return a && a.getAttribute('href');
});
if (petraId) await visit(admin, petraId);
const enrolling = await newPage();
await login(enrolling, 'petra@region10.se', 'a long coordinator password');
check(enrolling.url() === BASE + '/login/enrol', `the rule sends to the set-up (${enrolling.url()})`);
pages.set(`/login/enrol [${pages.size}]`, await enrolling.content());
await runAxe(enrolling, '/login/enrol');
const petraSecret = (await enrolling.textContent('#totp-secret').catch(() => '')).replace(/\s+/g, '');
await enrolling.fill('#f-code', totp(petraSecret, stepNow()));
await Promise.all([enrolling.waitForNavigation(), enrolling.click('main form button[type=submit]')]);
check((await enrolling.content()).includes('Dina reservkoder'), 'set up at sign-in, the recovery codes are shown');
await Promise.all([enrolling.waitForNavigation(), enrolling.click('a:has-text("fortsätt")')]);
check(enrolling.url() === BASE + '/', `then the start page (${enrolling.url()})`);

// Passkeys: Chromium's virtual authenticator, through the DevTools protocol.
const cdp = await second.context().newCDPSession(second);
await cdp.send('WebAuthn.enable');
await cdp.send('WebAuthn.addVirtualAuthenticator', { options: {
  protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true,
} });
await visit(second, '/settings/two-factor');
check(await second.isVisible('form[data-passkey=create]'), 'the passkey form is shown where the browser can make one');
await second.fill('#f-name', 'Chromium');
await second.fill('#f-passkey_password', 'a long admin password');
await Promise.all([second.waitForNavigation(), second.click('form[data-passkey=create] button[type=submit]')]);
check((await second.content()).includes('Nyckeln är tillagd'), 'a passkey is added');
check((await second.content()).includes('Chromium'), 'the passkey is listed by its name');
pages.set(`/settings/two-factor (a passkey) [${pages.size}]`, await second.content());
await runAxe(second, '/settings/two-factor (a passkey)');
await Promise.all([second.waitForNavigation(), second.click('button:has-text("Logga ut")')]);
await second.goto(BASE + '/login');
await runAxe(second, '/login (passkey shown)');
await Promise.all([second.waitForURL(BASE + '/', { timeout: 15000 }).catch(() => {}), second.click('form[data-passkey=get] button[type=submit]')]);
check(second.url() === BASE + '/', `a passkey signs in without a password (${second.url()})`);
await Promise.all([second.waitForNavigation(), second.click('button:has-text("Logga ut")')]);
await login(second, 'anna@region10.se', 'a long admin password');
check(second.url() === BASE + '/login/code', `after the password, the second step (${second.url()})`);
check(await second.isVisible('form[data-passkey=get]'), 'the second step offers the passkey');
pages.set(`/login/code (a passkey offered) [${pages.size}]`, await second.content());
await runAxe(second, '/login/code (a passkey offered)');
await Promise.all([second.waitForURL(BASE + '/', { timeout: 15000 }).catch(() => {}), second.click('form[data-passkey=get] button[type=submit]')]);
check(second.url() === BASE + '/', `a passkey is the second step (${second.url()})`);

// --- A guide's day, the sign-in by keyboard alone -------------------------------------------
const guide = await newPage();
await guide.goto(BASE + '/login');
await guide.keyboard.press('Tab');
check(await guide.evaluate(() => document.activeElement.classList.contains('skip-link')), 'the first Tab reaches the skip link');
check(await focusVisible(guide), 'the skip link shows its focus');
await guide.keyboard.press('Enter');
check(await guide.evaluate(() => document.activeElement.id === 'main'), 'the skip link moves focus to the content');

async function focusVisible(page) {
  return page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  });
}

/** Tabs until the element matching `test` has focus; false after 80 presses. */
async function tabTo(page, test, what) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(test)) {
      check(await focusVisible(page), `focus is visible on ${what}`);
      return true;
    }
  }
  check(false, `keyboard: could not reach ${what}`);
  return false;
}

await tabTo(guide, () => document.activeElement.id === 'f-email', 'the e-mail field');
await guide.keyboard.type(process.env.GUIDE_EMAIL);
await tabTo(guide, () => document.activeElement.id === 'f-password', 'the password field');
await guide.keyboard.type(process.env.GUIDE_PASSWORD);
await Promise.all([guide.waitForNavigation(), guide.keyboard.press('Enter')]);
check(guide.url() === BASE + '/', 'the guide signs in by keyboard');
// To the lead list and the new lead, by keyboard.
await tabTo(guide, () => document.activeElement.getAttribute('href') === '/leads', 'the lead list link');
await Promise.all([guide.waitForNavigation(), guide.keyboard.press('Enter')]);
await tabTo(guide, () => document.activeElement.id === 'f-q', 'the search field');
await guide.keyboard.type('de jong');
await Promise.all([guide.waitForNavigation(), guide.keyboard.press('Enter')]);
await tabTo(guide, () => (document.activeElement.textContent || '').includes('Sanne de Jong'), 'the lead');
await Promise.all([guide.waitForNavigation(), guide.keyboard.press('Enter')]);
const leadUrl = new URL(guide.url()).pathname;
check(/^\/leads\/\d+$/.test(leadUrl), 'the lead page opens from the list');
// Log a call by keyboard: open "Logga kontakt"; the kind is "call" already; write the note
// and send.
await tabTo(guide, () => document.activeElement.tagName === 'SUMMARY' && document.activeElement.textContent.includes('Logga kontakt'), 'the log-a-contact disclosure');
await guide.keyboard.press('Enter');
await tabTo(guide, () => document.activeElement.id === 'f-body', 'the note field');
await guide.keyboard.type('Called Sanne about nursing jobs.');
await tabTo(guide, () => document.activeElement.textContent === 'Spara kontakten', 'the save button');
await Promise.all([guide.waitForNavigation(), guide.keyboard.press('Enter')]);
check((await guide.content()).includes('Called Sanne about nursing jobs.'), 'the call is on the timeline (by keyboard)');
// Issue 15, item 3: the duplicate from the form is offered and merged, without an error.
check((await guide.content()).includes('Kanske samma hushåll'), 'the duplicate from the form is offered');
await Promise.all([guide.waitForNavigation(), guide.click('a:has-text("Jämför och slå ihop")')]);
check((await guide.content()).includes('Efter sammanslagningen'), 'the merge shows what it keeps first');
await runAxe(guide, 'merge preview');
await keep(guide, 'merge preview');
const merged = await Promise.all([guide.waitForNavigation(), guide.click('button:text-is("Slå ihop")')]);
check(merged[0] && merged[0].ok(), `merging two leads from the form answers ${merged[0] && merged[0].status()}`);
check((await guide.content()).includes('Dubbletten är hopslagen'), 'the duplicate is merged');
await runAxe(guide, 'lead page after a merge');
if (dejonghLink) {
  const own = await newPage();
  await own.goto(BASE + dejonghLink);
  check((await own.content()).includes('Sanne'), "the merged-away mover's self-service link opens the kept record");
  await own.close();
}
// Plan a follow-up and close as moved in, by mouse.
// Days as the server counts them: in Stockholm (after 23:00 UTC it is already tomorrow there).
const stockholmDay = (ms) => new Date(ms).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
const today = stockholmDay(Date.now());
const yesterday = stockholmDay(Date.now() - 86400000);
await guide.click('summary:has-text("Planera uppföljning")');
await guide.fill('#f-title', 'Send the list of vacancies');
await guide.fill('#f-due_on', today);
await Promise.all([guide.waitForNavigation(), guide.click('button:has-text("Lägg till uppföljning")')]);
check((await guide.content()).includes('Send the list of vacancies'), 'the follow-up is planned');
await guide.click('summary:has-text("Planera uppföljning")');
await guide.fill('#f-title', 'Ring back about the school');
await guide.fill('#f-due_on', yesterday);
await Promise.all([guide.waitForNavigation(), guide.click('button:has-text("Lägg till uppföljning")')]);
// Item 5: today's follow-ups first, then the overdue ones, counted.
await visit(guide, '/');
const start = await guide.content();
const todayAt = start.indexOf('Send the list of vacancies');
const overdueAt = start.indexOf('Ring back about the school');
check(todayAt > 0 && start.indexOf('Att göra idag') < todayAt, "today's follow-up is under today");
check(overdueAt > todayAt && start.includes('Försenade (1)'), 'the overdue follow-up comes after today, counted');
await keep(guide, 'start page with today and overdue');
// Item 4: the withdrawn consent is seen in the list, by its filter, and on the lead page.
await visit(guide, '/leads');
check((await guide.content()).includes('Samtycke återkallat'), 'the list marks the withdrawn consent');
await visit(guide, '/leads?withdrawn=on');
check((await guide.content()).includes('Klaus Müller') && !(await guide.content()).includes('Sanne de Jong'), 'the filter shows the withdrawn mover only');
await Promise.all([guide.waitForNavigation(), guide.click('a:has-text("Klaus Müller")')]);
const klaus = await guide.content();
check(klaus.includes('Intressenten tog tillbaka sitt samtycke') && klaus.includes('Kontakta inte intressenten igen'), 'the lead page says the consent is withdrawn');
check(!/<strong>\s*<\/strong>/.test(klaus), 'every timeline entry has a title');
await runAxe(guide, 'lead page with withdrawn consent');
await keep(guide, 'lead page with withdrawn consent');
await guide.goto(BASE + leadUrl);
await guide.goto(BASE + leadUrl);
await guide.click('summary:has-text("Status och utfall")');
await guide.selectOption('#f-status', 'moved_in');
await guide.fill('#f-moved_in_on', today);
await guide.fill('#f-moved_adults', '2');
await guide.fill('#f-moved_children', '1');
await Promise.all([guide.waitForNavigation(), guide.click('button:has-text("Spara status")')]);
check((await guide.content()).includes('2 vuxna och 1 barn'), 'the lead is closed as moved in');
const leadId = leadUrl.split('/')[2];
for (const l of ['en', 'sv']) {
  for (const url of ['/', '/leads', '/leads/new', '/leads/pool', leadUrl, `${leadUrl}/edit`, `${leadUrl}/privacy`, '/leads/retention', '/events', '/reports']) {
    await visit(guide, `${url}?lang=${l}`);
  }
}
// An event, its page with the QR code, and fair mode on a phone-sized form.
await guide.goto(BASE + '/events');
await guide.fill('#f-name', 'Emigratiebeurs Utrecht');
await guide.selectOption('#f-kind', 'fair');
await Promise.all([guide.waitForNavigation(), guide.click('button:has-text("Skapa")')]);
const eventUrl = new URL(guide.url()).pathname;
check(/^\/events\/\d+$/.test(eventUrl), 'the event is created');
for (const l of ['en', 'sv']) {
  await visit(guide, `${eventUrl}?lang=${l}`);
  await visit(guide, `${eventUrl}/capture?lang=${l}`);
  await visit(guide, `/settings?lang=${l}`);
}
await guide.goto(BASE + eventUrl + '/capture');
(await fieldsAlike(guide, 'fair mode')).forEach((t) => measured.add(t));
await guide.goto(BASE + eventUrl + '/capture');
await guide.fill('#f-first_name', 'Joost');
await guide.fill('#f-email', 'joost@example.nl');
await guide.selectOption('#f-language', 'nl');
await guide.check('#f-consent');
await Promise.all([guide.waitForNavigation(), guide.click('button:has-text("Spara och nästa")')]);
check((await guide.content()).includes('1 intressent registrerad här'), 'fair mode captures a visitor');
// Issue 15, item 7: the visitor's confirmation is in the language chosen for it.
const joostMail = await waitForMail(/Bedankt voor uw (interesse)?aanmelding[\s\S]*joost@example\.nl|joost@example\.nl[\s\S]*Bedankt voor uw/);
check(joostMail, "the fair visitor's confirmation is in Dutch");
// The guide brings in its old spreadsheet: a Swedish Excel CSV with two rows the check
// flags, then the corrected file, and finds the movers with their notes.
const fixtures = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'fixtures');
for (const l of ['en', 'sv']) await visit(guide, `/leads/import?lang=${l}`);
await guide.setInputFiles('#f-file', path.join(fixtures, 'old-sheet.csv'));
await Promise.all([guide.waitForNavigation(), guide.click('button:has-text("Ladda upp och förhandsgranska")')]);
check((await guide.content()).includes('Karin Ågren'), 'the upload shows a preview of the Windows-1252 file');
await runAxe(guide, 'import preview');
await keep(guide, 'import preview');
await Promise.all([guide.waitForNavigation(), guide.click('button:has-text("Kontrollera filen")')]);
let checked = await guide.content();
check(checked.includes('2 med fel') && checked.includes('2025-02-30') && checked.includes('två'), 'the check flags the two bad rows');
await runAxe(guide, 'import check with errors');
await keep(guide, 'import check with errors');
await Promise.all([guide.waitForNavigation(), guide.click('button:text-is("Importera")')]);
check((await guide.content()).includes('Några rader har fel'), 'a file with errors is not imported without choosing so');
await runAxe(guide, 'import refused');
await guide.goto(BASE + '/leads/import');
await guide.setInputFiles('#f-file', path.join(fixtures, 'old-sheet-fixed.csv'));
await Promise.all([guide.waitForNavigation(), guide.click('button:has-text("Ladda upp och förhandsgranska")')]);
await Promise.all([guide.waitForNavigation(), guide.click('button:has-text("Kontrollera filen")')]);
checked = await guide.content();
check(checked.includes('5 nya intressenter') && checked.includes('0 med fel'), 'the corrected file checks clean');
await Promise.all([guide.waitForNavigation(), guide.click('button:text-is("Importera")')]);
check((await guide.content()).includes('5 nya intressenter importerade'), 'the corrected file is imported');
await runAxe(guide, 'import done');
await keep(guide, 'import done');
await guide.goto(BASE + '/leads?q=%C3%A5gren');
await Promise.all([guide.waitForNavigation(), guide.click('a:has-text("Karin Ågren")')]);
const karin = await guide.content();
check(karin.includes('Vill se skolan i höst.') && karin.includes('Importerad från kalkylblad'), 'the imported mover has the note on the timeline');
await guide.goto(BASE + '/leads');
const [exported] = await Promise.all([guide.waitForEvent('download'), guide.click('a:text-is("CSV")')]);
const exportedText = fs.readFileSync(await exported.path(), 'utf8');
check(exportedText.startsWith('\uFEFFFörnamn;Efternamn;E-post') && exportedText.includes('Ågren'), 'the lead list exports as CSV for Swedish Excel');
// A form with errors, for the checkers too.
await guide.goto(BASE + '/leads/new');
(await fieldsAlike(guide, 'the new lead form')).forEach((t) => measured.add(t));
await guide.goto(BASE + leadUrl);
(await fieldsAlike(guide, 'the lead page')).forEach((t) => measured.add(t));
for (const t of ['text', 'email', 'tel', 'number', 'date', 'datetime-local', 'select-one']) {
  check(measured.has(t), `a field of type ${t} was measured`);
}
await guide.goto(BASE + '/leads/new');
await Promise.all([guide.waitForNavigation(), guide.click('button:has-text("Spara intressenten")')]);
await runAxe(guide, '/leads/new (with errors)');
await keep(guide, '/leads/new (with errors)');

// --- Issue 22: a mailing written, previewed, tested and sent by keyboard; one unsubscribe --
await visit(guide, '/mailings');
await tabTo(guide, () => document.activeElement.getAttribute('href') === '/mailings/new', 'the new mailing link');
await Promise.all([guide.waitForNavigation(), guide.keyboard.press('Enter')]);
await runAxe(guide, '/mailings/new');
await keep(guide, '/mailings/new');
await tabTo(guide, () => document.activeElement.id === 'f-name', 'the mailing name');
await guide.keyboard.type('Inbjudan till mässan i Utrecht');
await tabTo(guide, () => document.activeElement.id === 'f-subject_en', 'the English subject');
await guide.keyboard.type('Meet us at the emigration fair in Utrecht');
await tabTo(guide, () => document.activeElement.id === 'f-body_en', 'the English text');
await guide.keyboard.type('Hello!');
await guide.keyboard.press('Enter');
await guide.keyboard.press('Enter');
await guide.keyboard.type('Lycksele is at stand 12 on Saturday: https://lycksele.se/flytta');
await tabTo(guide, () => document.activeElement.textContent === 'Spara utkastet', 'the save button');
await Promise.all([guide.waitForNavigation(), guide.keyboard.press('Enter')]);
const mailingUrl = new URL(guide.url()).pathname;
check(/^\/mailings\/\d+$/.test(mailingUrl), `the draft is saved (${guide.url()})`);
let mailingPage = await guide.content();
const reaches = mailingPage.match(/Når (\d+) mottagare/);
check(reaches && Number(reaches[1]) >= 1, 'the draft says how many it reaches');
check(mailingPage.includes('Meet us at the emigration fair in Utrecht') && mailingPage.includes('stand 12'), 'the preview shows the text');
await runAxe(guide, 'mailing draft');
await keep(guide, 'mailing draft');
await tabTo(guide, () => document.activeElement.textContent === 'Skicka ett test till mig', 'the test button');
await Promise.all([guide.waitForNavigation(), guide.keyboard.press('Enter')]);
check((await guide.content()).includes('Ett test av varje text är på väg'), 'a test is on its way');
check(await waitForMail(/\[Test\] Meet us at the emigration fair/), 'the test mail is in the mail folder');
await tabTo(guide, () => document.activeElement.textContent === 'Skicka utskicket', 'the send button');
await Promise.all([guide.waitForNavigation(), guide.keyboard.press('Enter')]);
check((await guide.content()).includes('Utskicket skickas nu'), 'the mailing is sent off');
const unsubscribe = await waitForMail(/\/unsubscribe\/[0-9a-f]{32}\?lang=en/);
check(unsubscribe, "the mover's mail carries its unsubscribe link");
check(latestMailWith(/List-Unsubscribe-Post: List-Unsubscribe=One-Click/), 'the mail offers one-click unsubscribe');
check(latestMailWith(/Lycksele is at stand 12/), 'the mover gets the text');
if (unsubscribe) {
  const leaving = await newPage();
  await visit(leaving, unsubscribe);
  await keep(leaving, 'unsubscribe');
  await tabTo(leaving, () => document.activeElement.textContent === 'Yes, stop them', 'the unsubscribe button');
  await Promise.all([leaving.waitForNavigation(), leaving.keyboard.press('Enter')]);
  check((await leaving.content()).includes('you will receive no more news'), 'the mover is unsubscribed');
  await runAxe(leaving, 'unsubscribed');
  await keep(leaving, 'unsubscribed');
  await leaving.close();
}
await visit(guide, mailingUrl);
mailingPage = await guide.content();
check(/Avslutade via utskicket<\/dt>\s*<dd>1 mottagare</.test(mailingPage), 'the mailing counts the unsubscribe');
await keep(guide, 'mailing sent');
await visit(guide, leadUrl);
check((await guide.content()).includes('Utskick: ”Meet us at the emigration fair in Utrecht”'), 'the timeline shows the mailing');
check((await guide.content()).includes('Avböjt'), 'the lead page shows the news declined');
for (const l of ['en', 'sv']) {
  await visit(guide, `/mailings?lang=${l}`);
  await visit(guide, `${mailingUrl}?lang=${l}`);
}
await visit(coord, '/mailings?lang=sv');
await visit(coord, '/mailings/new?lang=en');

// --- Issue 23: an employer's vacancy, approved by the guide, sent to the mover, opened ------
const employer = await newPage();
await visit(employer, '/jobs/new?lang=en&m=lycksele');
(await fieldsAlike(employer, 'the vacancy form')).forEach((t) => measured.add(t));
await employer.fill('#f-employer', 'Region Västerbotten');
await employer.fill('#f-contact_name', 'Eva Chef');
await employer.fill('#f-contact_email', 'eva@example.se');
await employer.fill('#f-title', 'Nurse at the health centre');
await employer.selectOption('#f-occupation', 'nurse');
await employer.selectOption('#f-extent', 'full_time');
const lastDay = new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10);
await employer.fill('#f-last_day', lastDay);
// Without a description the form comes back with what was typed.
await Promise.all([employer.waitForNavigation(), employer.click('button:has-text("Send the vacancy")')]);
check((await employer.content()).includes('Fill in this field.'), 'the vacancy form says what is missing');
check(await employer.inputValue('#f-title') === 'Nurse at the health centre', 'the vacancy form keeps what was typed');
await runAxe(employer, '/jobs/new (with errors)');
await keep(employer, '/jobs/new (with errors)');
await employer.fill('#f-description', 'We look for a nurse for our health centre in Lycksele.');
await employer.fill('#f-link', 'https://example.se/jobs/nurse');
await Promise.all([employer.waitForNavigation(), employer.click('button:has-text("Send the vacancy")')]);
check(employer.url().includes('/jobs/thanks'), 'the employer is thanked');
await runAxe(employer, '/jobs/thanks');
await keep(employer, '/jobs/thanks');
await employer.close();
await visit(guide, '/vacancies');
check((await guide.content()).includes('Väntar på granskning'), 'the vacancy waits for the guide');
await guide.click('a:has-text("Nurse at the health centre")');
await guide.waitForLoadState();
const vacancyUrl = new URL(guide.url()).pathname;
await runAxe(guide, 'vacancy to review');
await keep(guide, 'vacancy to review');
await Promise.all([guide.waitForNavigation(), guide.click('button:has-text("Publicera")')]);
check((await guide.content()).includes('Jobbet är publicerat'), 'the guide publishes the vacancy');
check(await waitForMail(/The vacancy "Nurse at the health centre" is published/), 'the employer is told');
await visit(guide, '/housing/new');
await guide.fill('#f-rooms', '4');
await guide.fill('#f-place', 'Lycksele centrum');
await guide.fill('#f-cost', '7 200');
await guide.fill('#f-contact', 'Lyckselebostäder, 0950-123 45');
await Promise.all([guide.waitForNavigation(), guide.click('button:has-text("Spara bostaden")')]);
check((await guide.content()).includes('Bostaden är sparad'), 'the guide registers a home');
await keep(guide, 'a home');
// The lead's matches: Sanne wrote "Verpleegkundige"; the nurse's vacancy and the home.
await visit(guide, leadUrl + '/matches');
const matches = await guide.content();
check(matches.includes('Nurse at the health centre') && matches.includes('Sjuksköterska'), 'the Dutch occupation matches the nurse vacancy');
check(matches.includes('Lycksele centrum'), 'the home fits the household');
await keep(guide, 'matches');
await guide.check(`#job-${vacancyUrl.split('/').pop()}`);
await guide.check('input[name=home]');
await Promise.all([guide.waitForNavigation(), guide.click('button:has-text("Skicka urvalet")')]);
check((await guide.content()).includes('Urvalet är skickat till intressenten'), 'the selection is sent');
check((await guide.content()).includes('Urval skickat: Nurse at the health centre; Lycksele centrum'), 'the timeline shows the selection');
const mine = await waitForMail(/\/my\/[0-9a-f]{32}\?lang=nl#selections/);
check(mine, 'the mover gets the selection with its own link');
check(latestMailWith(/Banen en woningen voor u uit Lycksele/), 'the selection mail is in Dutch');
if (mine) {
  const own = await newPage();
  await visit(own, mine);
  const ownPage = await own.content();
  check(ownPage.includes('Banen en woningen van uw lots') && ownPage.includes('Nurse at the health centre'), "the mover's page shows the selection");
  check(ownPage.includes('href="https://example.se/jobs/nurse"'), 'with the link to the advertisement');
  await keep(own, '/my with a selection');
  await own.close();
}
for (const l of ['en', 'sv']) {
  await visit(guide, `/vacancies?lang=${l}`);
  await visit(guide, `${vacancyUrl}?lang=${l}`);
  await visit(guide, `/housing?lang=${l}`);
  await visit(guide, `/vacancies/import?lang=${l}`);
  await visit(guide, `${leadUrl}/matches?lang=${l}`);
}
await visit(guide, '/vacancies/new');
await visit(guide, '/vacancies');
await guide.check('#f-show');
await Promise.all([guide.waitForNavigation(), guide.click('section[aria-labelledby=h-listings] button')]);
check((await guide.content()).includes('visas nu på de publika sidorna'), 'the guide shows the listings');
const visitor = await newPage();
for (const l of ['sv', 'en', 'de', 'nl']) {
  await visit(visitor, `/jobs?lang=${l}`);
  await visit(visitor, `/homes?lang=${l}`);
}
check((await visitor.content()).includes('Lycksele centrum') && !(await visitor.content()).includes('Lyckselebostäder'), 'the public page shows the home without its contact');
await visitor.close();

// --- The coordinator's report and its export -------------------------------------------------
const year = today.slice(0, 4);
await visit(coord, `/reports?period=year&year=${year}&lang=en`);
await visit(coord, `/reports?period=year&year=${year}&lang=sv`);
const report = await coord.content();
check(report.includes('Inflyttade per kommun') && report.includes('<svg class="chart"'), 'the report shows a table and a chart');
const [download] = await Promise.all([
  coord.waitForEvent('download'),
  coord.click('a:has-text("Ladda ner ”Inflyttade per kommun” som Excel")'),
]);
const file = await download.path();
const bytes = fs.readFileSync(file);
check(bytes.length > 1000 && bytes.subarray(0, 2).toString() === 'PK', 'the XLSX export downloads');
await visit(coord, '/events?lang=en');

// --- Issue 15, item 10: no redirect off the site after sign-in --------------------------------
for (const next of ['%2F%09%2Fevil.example%2F', '%2F%0A%2Fevil.example%2F', '%2F%2Fevil.example%2F', '%2F%5Cevil.example']) {
  const away = await newPage();
  const res = await away.goto(`${BASE}/login?next=${next}`);
  check(res && res.ok(), `the sign-in page with next=${next} answers`);
  await away.fill('#f-email', process.env.GUIDE_EMAIL);
  await away.fill('#f-password', process.env.GUIDE_PASSWORD);
  await Promise.all([away.waitForNavigation(), away.click('button[type=submit]:has-text("Logga in")')]);
  check(away.url() === BASE + '/', `next=${next} leads to the start page, not ${away.url()}`);
  await away.close();
}

// --- Small screens ---------------------------------------------------------------------------
const phone = await newPage({ width: 390, height: 844 });
await login(phone, process.env.GUIDE_EMAIL, process.env.GUIDE_PASSWORD);
for (const url of ['/', '/leads', leadUrl, '/leads/new', '/leads/import', '/reports', eventUrl + '/capture', '/mailings', '/mailings/new', mailingUrl, '/vacancies', vacancyUrl, '/housing', '/housing/new', leadUrl + '/matches', '/jobs/new', '/jobs?lang=de', '/homes', '/interest', '/interest?lang=nl', '/privacy', '/accessibility']) {
  await phone.goto(BASE + url);
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  // Name the widest culprits, so a failure says where to look.
  const wide = overflow > 1 ? await phone.evaluate(() => [...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .slice(-4).map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + e.className : ''}`).join(', ')) : '';
  check(overflow <= 1, `${url} fits 390 px (overflows by ${overflow} px: ${wide})`);
}

await browser.close();

// --- The W3C Nu HTML Checker on every page kept ----------------------------------------------
const read = checkHtml(pages);
check(read > 40, `the HTML checker read ${read} pages`);
finish();
