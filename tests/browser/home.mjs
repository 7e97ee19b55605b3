// The enterprise's home (/my) and the deadlines page (/deadlines) as people
// use them, in Debian chromium driven by playwright-core: an enterprise
// signs in and lands on /my, sees its report "Chưa nộp" with the next
// action and follows it; its report is then on the district's desk (made
// with sqlite3, as filing is workflow.mjs's subject); the district user,
// landing on its review queue, returns it with a note of two lines; the
// enterprise sees the note in a highlighted box with its line breaks, the
// notice at the top, and hides the notice; a province user sets a deadline
// typed dd/mm/yyyy (after a refused one) and the enterprise sees it; at
// 390 px /my and /deadlines do not overflow.  Its own users and facility
// (freeFacility), so it depends on no other file.
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { env, check, fail, finish, addUser, signIn, signOut, freeFacility } from './lib/common.mjs';

const year = Number(env.year); // the current reporting year
const fac = freeFacility([env.facility]);
const facName = execFileSync('sqlite3', [env.db, `SELECT name FROM facility WHERE id = ${Number(fac.id)}`])
  .toString().trim();
const ent = 'home-ent@x.vn';
const dis = 'home-dis@x.vn';
const pro = 'home-pro@x.vn';
const entPass = addUser('enterprise', ent, ['--facility', fac.id]);
const disPass = addUser('district', dis, ['--unit', fac.unit]);
const proPass = addUser('province', pro);

// Today in Vietnam (UTC+7) as dd/mm/yyyy: the day of the return below.
const vn = new Date(Date.now() + 7 * 3600 * 1000).toISOString();
const today = `${vn.slice(8, 10)}/${vn.slice(5, 7)}/${vn.slice(0, 4)}`;

const card = (page, kind, y) => page.locator(`li.home-doc[data-kind="${kind}"][data-year="${y}"]`);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();

  // 1. The enterprise lands on its home: the report not filed, one action.
  await signIn(page, ent, entPass);
  check('enterprise lands on /my', new URL(page.url()).pathname === '/my', page.url());
  const rep = card(page, 'report', year);
  check('report card shown', await rep.count() === 1);
  check('report not filed', (await rep.locator('.home-state').textContent()) === 'Chưa nộp');
  const action = rep.locator('a.home-action');
  check('one next action', await action.count() === 1);
  check('action names the year', (await action.textContent()) === `Lập báo cáo năm ${year}`);
  check('no link to the staff review queue', await page.locator('a[href="/review"]').count() === 0);
  await Promise.all([page.waitForNavigation(), action.click()]);
  check('action opens the report form',
    new URL(page.url()).pathname === `/facilities/${fac.id}/report/${year}`, page.url());
  await signOut(page);

  // 2. The report reaches the district (filed and submitted).
  const id = execFileSync('sqlite3', [env.db, `INSERT INTO report(facility_id, year, status,
    submitted_on, version) VALUES (${Number(fac.id)}, ${year}, 'submitted', '${year + 1}-01-10', 1);
    SELECT id FROM report WHERE facility_id = ${Number(fac.id)} AND year = ${year};`]).toString().trim();

  // 3. The district user lands on its queue and returns it with two lines.
  await signIn(page, dis, disPass);
  check('district lands on /review', new URL(page.url()).pathname === '/review', page.url());
  await page.goto(`${env.base}/reports/${id}`);
  const ret = page.locator('form.action:has(input[name="action"][value="return"])');
  await ret.locator('textarea[name="note"]').fill('Thiếu số liệu nước.\nBổ sung hóa đơn tháng 3.');
  await Promise.all([page.waitForNavigation(), ret.locator('button').click()]);
  await signOut(page);

  // 4. The enterprise sees the notice and the note, box and line breaks.
  await signIn(page, ent, entPass);
  const notice = page.locator('.home-notices li.home-notice.returned');
  check('return notice shown', await notice.count() === 1);
  const nt = (await notice.textContent()) ?? '';
  check('notice says what happened',
    new RegExp(`^Báo cáo năm ${year} của ${facName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} đã bị trả lại ngày ${today}: cần sửa và nộp lại\\. Xem báo cáo$`).test(nt), nt);
  const box = card(page, 'report', year).locator('.home-note');
  check('note box visible', await box.isVisible());
  const boxStyle = await box.evaluate((e) => {
    const s = getComputedStyle(e);
    return { bg: s.backgroundColor, border: s.borderLeftWidth };
  });
  check('note box highlighted', boxStyle.bg !== 'rgba(0, 0, 0, 0)' && boxStyle.border !== '0px',
    JSON.stringify(boxStyle));
  const noteText = await box.locator('.home-note-text').innerText();
  check('line breaks kept', noteText === 'Thiếu số liệu nước.\nBổ sung hóa đơn tháng 3.', JSON.stringify(noteText));
  const by = await box.locator('.home-note-by').textContent();
  check('who and when', new RegExp(`^Ý kiến của home-dis@x\\.vn, lúc ${today} \\d\\d:\\d\\d:$`).test(by ?? ''), by);
  check('state returned',
    (await card(page, 'report', year).locator('.home-state').textContent()) === 'Bị trả lại — cần sửa');
  check('fix action', (await card(page, 'report', year).locator('a.home-action').textContent()) === 'Sửa và nộp lại');
  await Promise.all([page.waitForNavigation(), page.click('form.home-seen button')]);
  check('notices hidden once seen', await page.locator('.home-notices').count() === 0);
  await signOut(page);

  // 5. The province sets the registration deadline of next year.
  await signIn(page, pro, proPass);
  check('province lands on /review', new URL(page.url()).pathname === '/review', page.url());
  await page.goto(`${env.base}/deadlines?year=${year + 1}`);
  await page.fill('input[name="registration_due"]', '31/02/2027');
  await Promise.all([page.waitForNavigation(), page.click('main form.stack button[type="submit"]')]);
  check('bad date refused, field named',
    ((await page.locator('[data-field="registration_due"]').textContent()) ?? '').startsWith('hạn nộp đăng ký phải là một ngày'));
  check('typed date kept', (await page.inputValue('input[name="registration_due"]')) === '31/02/2027');
  await page.fill('input[name="registration_due"]', `28/02/${year + 2}`);
  await Promise.all([page.waitForNavigation(), page.click('main form.stack button[type="submit"]')]);
  check('deadline saved', (await page.locator('p.notice').textContent()) === `Đã lưu hạn nộp của năm ${year + 1}.`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${env.base}/deadlines`);
  // The page's own content (the staff navigation bar is the layout's, item 10).
  const dw = await page.evaluate(() => Math.max(...[...document.querySelectorAll('main *')]
    .filter((e) => !e.closest('.scroll')).map((e) => e.getBoundingClientRect().right)));
  check('/deadlines content fits 390 px', dw <= 390, `${dw} px`);
  const sw = await page.evaluate(() => {
    const s = document.querySelector('main .scroll');
    return s.getBoundingClientRect().right;
  });
  check('/deadlines table scrolls in its own box', sw <= 390, `${sw} px`);
  await signOut(page);

  // 6. The enterprise sees it; at 390 px nothing overflows.
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, ent, entPass);
  check('deadline shown to the enterprise',
    (await card(page, 'registration', year + 1).locator('.home-due').textContent()) === `Hạn nộp 28/02/${year + 2}`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${env.base}/my`);
  const mw = await page.evaluate(() => document.documentElement.scrollWidth);
  check('/my fits 390 px', mw <= 390, `${mw} px`);
} catch (e) {
  fail(e);
} finally {
  await browser.close();
}
finish();
