// Account administration as an administrator does it on a phone-sized
// window (390 × 844): creates an enterprise account for a facility found by
// typing part of its Vietnamese name without diacritics into the picker,
// disables another account (which then cannot sign in), resets a third
// one's password (the user signs in with the new one), and reads the audit
// log, whose actions are in words.  Every page visited must fit 390 px.
// Accounts and the facility are this file's own (addUser, freeFacility).
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { env, check, fail, finish, addUser, signIn, signOut, freeFacility } from './lib/common.mjs';

const WIDTH = 390;
const admin = 'adm-admin@admin-test.vn';
const victim = 'adm-victim@admin-test.vn';
const resetme = 'adm-reset@admin-test.vn';
const created = 'adm-new@admin-test.vn';

function sql(query) {
  return execFileSync('sqlite3', [env.db, query]).toString().trim();
}

// The search key the server folds names into: no diacritics, đ as d, lower case.
function fold(s) {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

// Nothing in the page's main part reaches past the window's right edge,
// except inside a box that scrolls (div.scroll); returns the offenders.
// The site header's navigation is the layout's (static/sxsh.css, phones
// section) and is checked by the all-pages test after the merge.
async function noOverflow(page, what) {
  const wide = await page.evaluate((w) => {
    const scrolls = (e) => {
      for (let p = e.parentElement; p; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
      }
      return false;
    };
    return [...document.querySelectorAll('main, main *')]
      .filter((e) => e.getBoundingClientRect().right > w + 0.5 && !scrolls(e))
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)})`)
      .slice(0, 4);
  }, WIDTH);
  check(`${what} fits ${WIDTH} px`, wide.length === 0, wide.join(' '));
}

const adminPw = addUser('admin', admin);
const victimPw = addUser('province', victim, [], 'victim pass word');
addUser('expert', resetme, [], 'old pass word 1');
const fac = freeFacility();
const facName = sql(`SELECT name FROM facility WHERE id = ${Number(fac.id)}`);
// Part of the name, folded, as a person without a Vietnamese keyboard types
// it: the word with the facility's number and the one before ("mau 00300"
// of the demo's "Cơ sở mẫu 00300 — …"), else the last two words.
const words = fold(facName).split(' ');
const at = words.findIndex((w) => /\d/.test(w));
const typed = (at > 0 ? words.slice(at - 1, at + 1) : words.slice(-2)).join(' ');

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: WIDTH, height: 844 } });
  await signIn(page, admin, adminPw);

  // 1. Create an enterprise account; the facility is picked from suggestions.
  await page.goto(`${env.base}/users`);
  await noOverflow(page, '/users');
  const create = page.locator('form:has(button[value="create"])');
  const roleNames = await create.locator('select[name="role"] option').allTextContents();
  check('roles offered by name', roleNames.join('|') ===
    'Quản trị|Cán bộ Sở|Cán bộ huyện|Doanh nghiệp|Chuyên gia', roleNames.join('|'));
  const filterRoles = await page.locator('form.filters select[name="role"] option').allTextContents();
  check('the list filters by role name', filterRoles.join('|') ===
    'Tất cả vai trò|Quản trị|Cán bộ Sở|Cán bộ huyện|Doanh nghiệp|Chuyên gia', filterRoles.join('|'));
  await create.locator('input[name="email"]').fill(created);
  await create.locator('select[name="role"]').selectOption({ label: 'Doanh nghiệp' });
  await create.locator('input[name="facility"]').pressSequentially(typed, { delay: 30 });
  const label = `${facName} (${fac.code})`;
  const suggestion = create.locator('.picker-list button', { hasText: label });
  await suggestion.first().waitFor({ timeout: 5000 });
  await noOverflow(page, '/users with suggestions');
  await suggestion.first().click();
  check('picker writes the label', (await create.locator('input[name="facility"]').inputValue()) === label);
  check('picker writes the id',
    (await create.locator('input[name="facility_id"]').inputValue()) === String(fac.id));
  await Promise.all([page.waitForNavigation(), create.locator('button[value="create"]').click()]);
  const notice = await page.locator('p.notice').textContent();
  check('account created', notice.includes(`Đã tạo tài khoản ${created}.`), notice);
  const secret = (await page.locator('code.secret').textContent()).trim();
  check('generated password shown once', secret.length === 20, secret);
  check('account bound to the facility',
    sql(`SELECT facility_id FROM app_user WHERE email = '${created}'`) === String(fac.id));
  const row = await page.locator('tr', { has: page.locator(`a:text-is("${created}")`) }).textContent();
  check('list shows the role and facility by name', row.includes('Doanh nghiệp') && row.includes(facName), row);

  // 2. Disable the province officer.
  await page.click(`a:text-is("${victim}")`);
  await page.waitForLoadState();
  await noOverflow(page, '/users/{id}');
  await Promise.all([page.waitForNavigation(), page.click('button[value="disable"]')]);
  check('disabled', (await page.locator('p.notice').textContent()).includes('Đã khóa tài khoản'));

  // 3. Reset the expert's password to one the admin chooses.
  await page.goto(`${env.base}/users`);
  await page.click(`a:text-is("${resetme}")`);
  await page.waitForLoadState();
  const reset = page.locator('form:has(button[value="password"])');
  await reset.locator('input[name="password"]').fill('new temp pass 77');
  await Promise.all([page.waitForNavigation(), reset.locator('button[value="password"]').click()]);
  check('password reset', (await page.locator('p.notice').textContent()).includes('Đã đặt lại mật khẩu'));

  // 4. The audit log in words, filtered by an action chosen by its name.
  await page.goto(`${env.base}/audit`);
  await page.selectOption('select[name="action"]', { label: 'Khóa tài khoản' });
  await Promise.all([page.waitForNavigation(), page.click('form.audit-filters button[type="submit"]')]);
  await noOverflow(page, '/audit');
  const log = await page.locator('table.audit tbody').innerText();
  check('audit action in words', log.includes('Khóa tài khoản'), log.slice(0, 200));
  check('audit without codes', !log.includes('user.disable') && !log.includes('app_user'));
  check('audit time as dd/mm/yyyy HH:MM', /\b\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\b/.test(log), log.slice(0, 80));
  await page.goto(`${env.base}/facilities/${fac.id}`);
  await noOverflow(page, '/facilities/{id}');
  await page.goto(`${env.base}/facilities`);
  await noOverflow(page, '/facilities');
  await signOut(page);

  // 5. The disabled account cannot sign in; the reset one signs in with its new password.
  await signIn(page, victim, victimPw);
  check('disabled account refused', page.url().includes('/login') &&
    (await page.locator('main').innerText()).includes('Email hoặc mật khẩu không đúng.'), page.url());
  await signIn(page, resetme, 'old pass word 1');
  check('old password refused', page.url().includes('/login'), page.url());
  await signIn(page, resetme, 'new temp pass 77');
  check('new password accepted', !page.url().includes('/login'), page.url());
  await signOut(page);
  await signIn(page, created, secret);
  check('created account signs in with the password shown', !page.url().includes('/login'), page.url());
} catch (e) {
  fail(e);
} finally {
  await browser.close();
}
finish();
