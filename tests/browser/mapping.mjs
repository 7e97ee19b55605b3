// The mapping page as a province officer uses it (src/web/mapping.c): a
// semicolon-separated CSV with Vietnamese headers is uploaded; the columns
// come back with their samples; ownership's values are mapped ("Hộ cá thể"
// → household); the preview shows the rows as they will be stored, the bad
// one marked; the choices are saved as a profile and the file imported;
// the facilities are in the database as mapped.  The pages pass axe-core
// and do not overflow at 360 and 390 px.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { env, check, fail, finish, addUser, signIn } from './lib/common.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const tag = `map${process.pid}`;
const email = `pro-${tag}@x.vn`;
const password = addUser('province', email);
const sql = (q) => execFileSync('sqlite3', [env.db, q]).toString().trim();

// Codes of this run's own facilities, so reruns and other files never meet them.
const c1 = `${tag}-1`;
const c2 = `${tag}-2`;
const csv = `Mã;Tên doanh nghiệp;Ngành;Loại hình;Lao động\n` +
  `${c1};Công ty Một;1020;Tư nhân;1.250\n` +
  `${c2};Hộ Hai;1020;Hộ cá thể;7\n`;

async function axe(page, label) {
  await page.evaluate(axeSource);
  const v = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')
      .map((x) => `${x.id}: ${x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  check(`${label}: no serious or critical axe violation`, v.length === 0, v.join('; '));
}

async function overflow(page, label) {
  for (const width of [360, 390]) {
    await page.setViewportSize({ width, height: 800 });
    const { sw, iw } = await page.evaluate(() => ({
      sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
    check(`${label} at ${width} px: no horizontal overflow`, sw <= iw, `${sw} > ${iw}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
try {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email, password);
  await page.goto(`${env.base}/imports/new`);
  check('upload page title', (await page.textContent('h1')) === 'Nhập tệp khác mẫu');
  await axe(page, '/imports/new');
  await overflow(page, '/imports/new');

  await page.selectOption('#map-target', 'facilities');
  await page.setInputFiles('#map-file', {
    name: 'danh-sach.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await Promise.all([page.waitForNavigation(), page.click('form.map-upload button')]);
  check('the mapping page opens', page.url().includes('/imports/map?t='), page.url());
  check('the file is described', (await page.textContent('main')).includes(
    'Tệp: danh-sach.csv — 2 dòng dữ liệu'));
  check('samples are shown', (await page.textContent('table.map-columns')).includes(
    'Tư nhân; Hộ cá thể'));

  // Map the columns; ownership is a code column: its values get selects after a preview.
  await page.selectOption('#f0', 'f:code');
  await page.selectOption('#f1', 'f:name');
  await page.selectOption('#f2', 'f:sector');
  await page.selectOption('#f3', 'f:ownership');
  await page.selectOption('#f4', 'f:employees');
  await page.selectOption('#k_admin_unit', 'rach-gia');
  await page.selectOption('#k_size', 'small');
  // The page matched the values by name; keep them as they are to see bad rows reported.
  await page.selectOption('#v3_0', '');
  await page.selectOption('#v3_1', '');
  await Promise.all([page.waitForNavigation(), page.click('button[value="preview"]')]);
  // "Tư nhân" and "Hộ cá thể" kept as they are are no ownership codes: both rows marked.
  check('the bad rows are marked', (await page.locator('tr.map-bad').count()) === 2);
  check('its reason names the line and the column',
    (await page.textContent('ul.map-problems')).includes('danh-sach.csv:3: Loại hình:'));
  await axe(page, '/imports/map preview');
  await overflow(page, '/imports/map preview');

  await page.selectOption('#v3_0', 'private');
  await page.selectOption('#v3_1', 'household');
  await page.fill('#map-name', `ds-${tag}`);
  await Promise.all([page.waitForNavigation(), page.click('button[value="preview"]')]);
  check('no bad row once mapped', (await page.locator('tr.map-bad').count()) === 0);
  // what was chosen is still chosen after the round trip
  check('the name typed stays', (await page.inputValue('#map-name')) === `ds-${tag}`);
  check('the preview shows 1.250 employees the Vietnamese way',
    (await page.textContent('table.map-preview')).includes('1.250'));

  await Promise.all([page.waitForNavigation(), page.click('button[value="save"]')]);
  check('saved as version 1', (await page.textContent('main')).includes(
    `Đã lưu hồ sơ 'ds-${tag}', phiên bản 1.`));
  await Promise.all([page.waitForNavigation(), page.click('button[value="import"]')]);
  check('imported', (await page.textContent('main')).includes(
    'Đã nhập: 2 dòng đọc, 2 dòng đã nhập, 0 dòng lỗi bị bỏ ra.'));
  check('stored as mapped', sql(`SELECT ownership || '|' || employees FROM facility WHERE code IN
    ('${c1}', '${c2}') ORDER BY code`) === 'private|1250\nhousehold|7');
} catch (e) {
  fail(e);
} finally {
  await browser.close();
}
finish();
