// A province clerk's walk through the mapping page with the Statistics
// Office's enterprise list (src/web/mapping.c): a Windows-1258 file
// separated by ';' without facility codes.  Uploaded, every guess accepted
// as it comes (the columns' fields from their headers, the units, sectors
// and ownership matched by name, size by employees), "Mã cơ sở: tạo tự
// động" chosen, previewed and imported; at 1366 px and again at 390 px.
// The clerk's tax codes fail their check digit (DOMAIN.md §10), so each
// run makes its own valid ones: the rows are otherwise the clerk's.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { env, check, fail, finish, addUser, signIn } from './lib/common.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const tag = `map2${process.pid}`;
const email = `clerk-${tag}@x.vn`;
const password = addUser('province', email);
const sql = (q) => execFileSync('sqlite3', [env.db, q]).toString().trim();
const shots = process.env.SXSH_SHOTS || '/tmp/sxsh-shots';
mkdirSync(shots, { recursive: true });

// A valid 10-digit tax code from 9 digits: N10 = 10 − (Σ Nᵢ·Wᵢ mod 11), remainder 0 never valid.
function taxCode(nine) {
  const w = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  for (let n = Number(nine); ; n++) {
    const d = String(n).padStart(9, '0');
    const r = [...d].reduce((s, c, i) => s + Number(c) * w[i], 0) % 11;
    if (r !== 0) return d + String(10 - r);
  }
}

function clerkFile(tax1, tax2) {
  const text = 'STT;Mã số thuế;Tên doanh nghiệp;Địa bàn;Mã ngành;Loại hình;Số lao động\r\n' +
    `1;${tax1};Công ty TNHH Thủy sản Hòa Bình;Rạch Giá;1020;Công ty TNHH;120\r\n` +
    `2;${tax2};Hộ kinh doanh Nước đá Minh Tâm;Kiên Lương;1079;Hộ cá thể;12\r\n`;
  return execFileSync('iconv', ['-f', 'UTF-8', '-t', 'CP1258'], { input: text });
}

async function axe(page, label) {
  await page.evaluate(axeSource);
  const v = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')
      .map((x) => `${x.id}: ${x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  check(`${label}: no serious or critical axe violation`, v.length === 0, v.join('; '));
}

async function noOverflow(page, label) {
  const { sw, iw } = await page.evaluate(() => ({
    sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
  check(`${label}: no horizontal overflow`, sw <= iw, `${sw} > ${iw}`);
}

async function walk(page, width, tax1, tax2) {
  const label = `${width} px`;
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${env.base}/imports/new`);
  await page.selectOption('#map-target', 'facilities');
  await page.setInputFiles('#map-file', {
    name: 'tk.csv', mimeType: 'text/csv', buffer: clerkFile(tax1, tax2) });
  await Promise.all([page.waitForNavigation(), page.click('form.map-upload button')]);
  check(`${label}: the mapping page opens`, page.url().includes('/imports/map?t='), page.url());
  check(`${label}: the Windows-1258 headers read`,
    (await page.textContent('table.map-columns')).includes('Tên doanh nghiệp'));
  // the guesses, as they come
  const guessed = {
    '#f0': 'skip', '#f1': 'f:tax_code', '#f2': 'f:name', '#f3': 'f:admin_unit',
    '#f4': 'f:sector', '#f5': 'f:ownership', '#f6': 'f:employees',
    '#v3_0': 'rach-gia', '#v3_1': 'kien-luong', '#v4_0': '1020', '#v4_1': '1079',
    '#v5_0': 'private', '#v5_1': 'household', '#k_size': '@employees',
  };
  for (const [sel, want] of Object.entries(guessed)) {
    const got = await page.inputValue(sel);
    check(`${label}: ${sel} guessed ${want}`, got === want, got);
  }
  check(`${label}: no value needs a choice`, (await page.locator('.map-need').count()) === 0);
  await noOverflow(page, `${label} guesses`);
  await axe(page, `${label} guesses`);
  await page.screenshot({ path: `${shots}/mapping2-${width}-guesses.png`, fullPage: true });

  await page.selectOption('#map-codegen', 'tax');
  await page.fill('#map-prefix', 'TK-');
  await Promise.all([page.waitForNavigation(), page.click('button[value="preview"]')]);
  const prev = await page.textContent('table.map-preview');
  check(`${label}: the preview shows the made code`, prev.includes(`MST-${tax1}`), prev);
  check(`${label}: the preview shows the unit by name`, prev.includes('Thành phố Rạch Giá'));
  check(`${label}: no bad row`, (await page.locator('tr.map-bad').count()) === 0);
  for (const [sel, want] of Object.entries(guessed)) {
    const got = await page.inputValue(sel);
    check(`${label}: ${sel} still ${want} after the preview`, got === want, got);
  }
  await noOverflow(page, `${label} preview`);
  await page.screenshot({ path: `${shots}/mapping2-${width}-preview.png`, fullPage: true });

  await Promise.all([page.waitForNavigation(), page.click('button[value="import"]')]);
  check(`${label}: imported`, (await page.textContent('main')).includes(
    'Đã nhập: 2 dòng đọc, 2 dòng đã nhập, 0 dòng lỗi bị bỏ ra.'));
  await page.screenshot({ path: `${shots}/mapping2-${width}-imported.png`, fullPage: true });
  // 120 employees: medium (101..200), 12: small (11..100), NĐ 80/2021/NĐ-CP
  const rows = sql(`SELECT f.code || '|' || a.code || '|' || f.sector_code || '|' || f.ownership
    || '|' || f.size || '|' || f.employees FROM facility f JOIN admin_unit a
    ON a.id = f.admin_unit_id WHERE f.tax_code IN ('${tax1}', '${tax2}') ORDER BY f.code`);
  check(`${label}: stored as the clerk meant`, rows ===
    `MST-${tax1}|rach-gia|1020|private|medium|120\n` +
    `MST-${tax2}|kien-luong|1079|household|small|12`, rows);
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
try {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email, password);
  const base = 100000000 + (process.pid % 800000) * 1000;
  await walk(page, 1366, taxCode(base), taxCode(base + 100));
  await walk(page, 390, taxCode(base + 200), taxCode(base + 300));

  // A value nothing matches is marked as needing a choice; the page stays accessible.
  await page.goto(`${env.base}/imports/new`);
  await page.setInputFiles('#map-file', { name: 'khac.csv', mimeType: 'text/csv',
    buffer: Buffer.from('Tên doanh nghiệp;Loại hình\r\nCông ty A;Khác\r\n', 'utf8') });
  await Promise.all([page.waitForNavigation(), page.click('form.map-upload button')]);
  check('an unmatched value is marked', (await page.textContent('.map-need')).includes(
    'Khác (cần chọn)'));
  check('its select asks for a choice', (await page.inputValue('#v1_0')) === '?');
  await noOverflow(page, 'needs a choice at 390 px');
  await axe(page, 'needs a choice');
  await page.screenshot({ path: `${shots}/mapping2-390-need.png`, fullPage: true });
} catch (e) {
  fail(e);
} finally {
  await browser.close();
}
finish();
