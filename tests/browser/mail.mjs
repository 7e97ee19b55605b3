// Password reset by e-mail and the notice setting, as a person uses them, in
// Debian chromium driven by playwright-core: an enterprise user follows
// "Quên mật khẩu?" from the sign-in page, asks for a link (the page answers
// without saying whether the address has an account), opens the link from
// the message (read from the outbox: the test server has no SMTP server, so
// the message stays queued), types two passwords that differ (refused, the
// form kept), then the new one, and signs in with it; the used link is
// refused.  On the account page it unticks "Nhận thông báo qua e-mail" and
// saves.  The reset page has no serious axe-core violation and does not
// overflow at 360 px.  Its own user and facility (freeFacility), so it
// depends on no other file.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { env, check, fail, finish, addUser, signIn, signOut, freeFacility } from './lib/common.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const sql = (q) => execFileSync('sqlite3', [env.db, q]).toString().trim();
const fac = freeFacility([env.facility]);
const email = `mail-ent-${process.pid}@x.vn`;
addUser('enterprise', email, ['--facility', fac.id], 'mật khẩu cũ 1');
const newPass = 'mật khẩu mới rất dài';

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();

  // The request.
  await page.goto(`${env.base}/login`);
  await Promise.all([page.waitForNavigation(), page.click('text=Quên mật khẩu?')]);
  check('forgot page', (await page.textContent('h1')) === 'Quên mật khẩu');
  await page.fill('input[name="email"]', email);
  await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
  const answer = await page.textContent('p.notice');
  check('same answer, with the address', answer.startsWith(`Nếu địa chỉ ${email} có tài khoản`),
    answer);
  // An unknown address: the very same sentence.
  await page.goto(`${env.base}/password/forgot`);
  await page.fill('input[name="email"]', `no-${email}`);
  await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
  const other = await page.textContent('p.notice');
  check('unknown address answered alike', other === answer.replace(email, `no-${email}`), other);

  // The link from the message.
  const body = sql(`SELECT body FROM mail_outbox WHERE recipient = '${email}'
    AND kind = 'password_reset' ORDER BY id DESC LIMIT 1`);
  const m = body.match(/\/password\/reset\?token=([A-Za-z0-9_-]{43})/);
  check('the message holds the link', m !== null, body);
  const link = `${env.base}/password/reset?token=${m[1]}`;
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(link);
  check('reset page', (await page.textContent('h1')) === 'Đặt lại mật khẩu');
  const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  check('reset page: no overflow at 360 px', sw <= iw, `${sw} > ${iw}`);
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id);
  });
  check('reset page: no serious or critical axe violation', violations.length === 0,
    violations.join(', '));
  await page.setViewportSize({ width: 1366, height: 768 });

  // Two passwords that differ: refused, still on the form.
  await page.getByLabel('Mật khẩu mới (ít nhất 10 ký tự)').fill(newPass);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(`${newPass}!`);
  await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
  check('mismatch refused', (await page.textContent('p.problem')) !== null);
  check('the form is still there', await page.getByLabel('Nhập lại mật khẩu mới').isVisible());
  await page.getByLabel('Mật khẩu mới (ít nhất 10 ký tự)').fill(newPass);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(newPass);
  await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
  check('new password saved', (await page.textContent('h1')) === 'Đã đặt mật khẩu mới');

  // The old password no longer works; the new one does.
  await signIn(page, email, 'mật khẩu cũ 1');
  check('old password refused', page.url().includes('/login'));
  await signIn(page, email, newPass);
  check('signed in with the new password', page.url().endsWith('/my'), page.url());

  // Notices off on the account page.
  await page.goto(`${env.base}/account`);
  const box = page.getByLabel('Nhận thông báo qua e-mail');
  check('notices on by default', await box.isChecked());
  await box.uncheck();
  await Promise.all([page.waitForNavigation(),
    page.click('form[action="/account/notices"] button[type="submit"]')]);
  check('notices saved off', (await page.textContent('main')).includes('Đã tắt thông báo qua e-mail.'));
  check('box unticked', !(await page.getByLabel('Nhận thông báo qua e-mail').isChecked()));
  const uid = sql(`SELECT id FROM app_user WHERE email = '${email}'`);
  check('opt-out stored', sql(`SELECT count(*) FROM mail_optout WHERE user_id = ${uid}`) === '1');
  await signOut(page);

  // The used link.
  const r = await page.goto(link);
  check('used link refused', r.status() === 410, String(r.status()));
  check('used link says so', (await page.textContent('p.problem')).includes('không còn hiệu lực'));
} catch (e) {
  fail(e);
} finally {
  await browser.close();
}
finish();
