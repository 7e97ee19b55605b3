// Nothing typed is lost, in chromium: an enterprise user of a facility of
// this file's own types into the annual report; the page keeps a draft on
// the server (static/js/autosave.js) and says so; a reload brings the typed
// values back with a notice.  The session then ends (its row deleted, as
// two hours idle would): the page says so at the next autosave, the form's
// save shows the sign-in form in place, and after signing in the form is
// back with every value, not saved.  Two tabs save the same report: the
// second gets 409 with the version the first saved (who, its values) and
// keeps what it typed.  Signed out while typing, the person can sign in
// in another tab and go on, or leave and sign in in the same tab and find
// the values again.
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { addUser, check, env, fail, finish, freeFacility, signIn } from './lib/common.mjs';

const fac = freeFacility([env.facility]);
const email = `drafts-${process.pid}@x.vn`;
const password = addUser('enterprise', email, ['--facility', fac.id]);
const formUrl = `${env.base}/facilities/${fac.id}/report/${env.year}`;
const qty = 'input[name="energy[0].quantity"]';

function sql(text) {
  return execFileSync('sqlite3', [env.db, text]).toString().trim();
}

// Waits until the autosave line reads like "Đã lưu tạm lúc 14:05" and the
// stored draft holds text (urlencoded).
async function autosaved(page, text) {
  for (let i = 0; i < 60; i++) {
    const status = (await page.locator('.autosave-status').textContent()) ?? '';
    const kept = sql(`SELECT count(*) FROM form_draft WHERE body LIKE '%${text}%'`);
    if (/Đã lưu tạm lúc \d\d:\d\d/.test(status) && kept !== '0') return true;
    await page.waitForTimeout(500);
  }
  return false;
}

// The page's problem and field-error texts, to show why a save failed.
async function problems(page) {
  return (await page.locator('.problem, .field-error').allTextContents()).join(' | ');
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);

  // 1. Type, wait for the autosave, reload: the values are back.
  await page.goto(formUrl);
  check('the form has the autosave line', (await page.locator('.autosave-status').count()) === 1);
  await page.selectOption('select[name="energy[0].carrier"]', { label: 'Điện' });
  await page.selectOption('select[name="energy[0].unit"]', 'kWh');
  await page.fill(qty, '12.500');
  check('autosave: the line says when', await autosaved(page, 'quantity=12.500'));
  const userId = sql(`SELECT id FROM app_user WHERE email = '${email}'`);
  check('the draft is stored for this user and form',
    sql(`SELECT count(*) FROM form_draft WHERE user_id = ${userId} AND path = '/facilities/${fac.id}/report/${env.year}'`) === '1');
  await page.reload();
  const notice = await page.locator('.draft-restored').textContent();
  check('reload: the restore notice', /Đã khôi phục nội dung bạn nhập lúc \d\d\/\d\d\/\d{4} \d\d:\d\d, chưa được lưu\./.test(notice ?? ''), notice);
  check('reload: the quantity typed is back', (await page.inputValue(qty)) === '12.500');
  check('reload: the carrier typed is back', (await page.inputValue('select[name="energy[0].carrier"]')) === 'electricity');
  check('reload: nothing saved', sql(`SELECT count(*) FROM report WHERE facility_id = ${fac.id} AND year = ${env.year}`) === '0');

  // 2. The session ends; the next autosave says so, and the save signs in in place.
  sql(`DELETE FROM session WHERE user_id = ${userId}`);
  await page.fill(qty, '13.750');
  await page.waitForFunction(
    () => /Phiên đăng nhập đã hết hạn/.test(document.querySelector('.autosave-status')?.textContent ?? ''),
    null,
    { timeout: 15000 },
  );
  check('expired: a sign-in link for a new tab',
    (await page.locator('.autosave-status a[target="_blank"][href^="/login"]').count()) === 1);
  const [resp] = await Promise.all([
    page.waitForNavigation(),
    page.click('button[name="op"][value="save"]'),
  ]);
  check('expired save: 401 at the same address', resp.status() === 401 && page.url() === formUrl, `${resp.status()} ${page.url()}`);
  check('expired save: the sign-in form in place',
    (await page.locator('h1').textContent()) === 'Đăng nhập lại' &&
    (await page.locator('main form input[name="password"]').count()) === 1);
  check('expired save: says the values are kept',
    /Những gì bạn đã nhập vẫn được giữ lại/.test(await page.locator('.session-expired').textContent()));
  await page.fill('main form input[name="email"]', email);
  await page.fill('main form input[name="password"]', password);
  await Promise.all([page.waitForNavigation(), page.click('main form button[type="submit"]')]);
  check('signed in: back at the form', page.url() === formUrl, page.url());
  check('signed in: the value typed after the expiry is back', (await page.inputValue(qty)) === '13.750');
  check('signed in: the notice says it is not saved',
    /chưa được lưu/.test(await page.locator('.draft-restored').textContent()));
  check('signed in: still nothing saved',
    sql(`SELECT count(*) FROM report WHERE facility_id = ${fac.id} AND year = ${env.year}`) === '0');

  // Saving now works and clears the draft.
  await Promise.all([page.waitForNavigation(), page.click('button[name="op"][value="save"]')]);
  check('saved: a report of version 1',
    sql(`SELECT version FROM report WHERE facility_id = ${fac.id} AND year = ${env.year}`) === '1',
    await problems(page));
  check('saved: the draft is cleared', sql(`SELECT count(*) FROM form_draft WHERE user_id = ${userId}`) === '0');

  // 3. Two tabs on version 1: A saves 5.000 kWh, then B saves 6.000 kWh.
  const a = page;
  const b = await context.newPage();
  await a.goto(formUrl);
  await b.goto(formUrl);
  await a.fill(qty, '5.000');
  await Promise.all([a.waitForNavigation(), a.click('button[name="op"][value="save"]')]);
  check('tab A saved', /Đã lưu nháp/.test(await a.locator('main').textContent()));
  await b.fill(qty, '6.000');
  const [conflict] = await Promise.all([
    b.waitForNavigation(),
    b.click('button[name="op"][value="save"]'),
  ]);
  check('tab B: 409', conflict.status() === 409, String(conflict.status()));
  const block = (await b.locator('.draft-conflict').textContent()) ?? '';
  check('tab B: who saved the other version', block.includes(`${email} đã lưu báo cáo này lúc`), block);
  check('tab B: the saved values', block.includes('5.000,00 kWh'), block);
  check('tab B: what B typed is kept in the form', (await b.inputValue(qty)) === '6.000');
  check('tab B: nothing of B written',
    sql(`SELECT CAST(e.quantity AS INTEGER) FROM report_energy e JOIN report r ON r.id = e.report_id WHERE r.facility_id = ${fac.id} AND r.year = ${env.year}`) === '5000');
  await b.setViewportSize({ width: 360, height: 800 });
  const right = await b.evaluate(() => document.querySelector('.draft-conflict').getBoundingClientRect().right);
  check('tab B at 360 px: the saved version stays inside the page', right <= 360, String(right));

  // 4. The session ends while typing; signing in in another tab lets the
  // first tab go on keeping drafts, with the new session's CSRF token.
  sql(`DELETE FROM session WHERE user_id = ${userId}`);
  await a.bringToFront();
  const oldCsrf = await a.inputValue('form.report-form input[name="csrf"]');
  await a.fill(qty, '7.250');
  await a.waitForFunction(
    () => /Phiên đăng nhập đã hết hạn/.test(document.querySelector('.autosave-status')?.textContent ?? ''),
    null,
    { timeout: 15000 },
  );
  const other = await context.newPage();
  await signIn(other, email, password);
  await other.close();
  await a.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  check('new tab sign-in: the first tab keeps drafts again', await autosaved(a, 'quantity=7.250'));
  check('new tab sign-in: the form carries the new CSRF token',
    (await a.inputValue('form.report-form input[name="csrf"]')) !== oldCsrf);

  // 5. Signed out again; this time the person leaves the page to sign in in
  // the same tab: what was typed meanwhile comes back from this tab.
  sql(`DELETE FROM session WHERE user_id = ${userId}`);
  await a.fill(qty, '8.125');
  await a.waitForFunction(
    () => /Phiên đăng nhập đã hết hạn/.test(document.querySelector('.autosave-status')?.textContent ?? ''),
    null,
    { timeout: 15000 },
  );
  await a.fill(qty, '8.500');
  await signIn(a, email, password);
  await a.goto(formUrl);
  check('same tab: the value typed while signed out is back', (await a.inputValue(qty)) === '8.500',
    await a.inputValue(qty));
  check('same tab: the line says so',
    /Đã điền lại nội dung bạn nhập trong thẻ này/.test((await a.locator('.autosave-status').textContent()) ?? ''));
} catch (e) {
  fail(e);
} finally {
  await browser.close();
}
finish();
