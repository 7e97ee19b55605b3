// The report form as a facility's clerk fills it (src/web/report_form.c,
// static/js/form.js), in Chromium at 1366 px and at 390 px: names picked
// from lists (no codes), numbers typed the Vietnamese way and echoed as the
// server reads them, twelve monthly electricity bills in the grid, rows
// added and removed without a reload, Enter saving instead of adding a
// row, a warning that needs an explanation before submitting, errors tied
// to their fields, and no horizontal overflow on a phone.
// Uses a facility and an account of its own (no other file's state).
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { env, check, fail, finish, addUser, signIn } from './lib/common.mjs';

const sql = (q) => execFileSync('sqlite3', [env.db, q]).toString().trim();

// A facility with no report in any year and no account: nothing is pre-filled.
const fac = sql(`SELECT f.id FROM facility f WHERE f.status = 'active'
  AND f.id <> ${Number(env.facility)}
  AND NOT EXISTS (SELECT 1 FROM report r WHERE r.facility_id = f.id)
  AND NOT EXISTS (SELECT 1 FROM app_user u WHERE u.facility_id = f.id)
  ORDER BY f.id LIMIT 1`);
// Ten employees, so that energy per employee can be checked (toe_per_employee).
sql(`UPDATE facility SET employees = 10 WHERE id = ${fac}`);
const email = 'form-clerk@x.vn';
const password = addUser('enterprise', email, ['--facility', fac]);
const url = `${env.base}/facilities/${fac}/report/${env.year}`;
const reportSql = `SELECT id FROM report WHERE facility_id = ${fac} AND year = ${env.year}`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

async function save(page, button = 'save') {
  await Promise.all([page.waitForNavigation(), page.click(`form.report-form .actions:not(.top) button[value="${button}"]`)]);
}

try {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await ctx.newPage();
  await signIn(page, email, password);
  await page.goto(url);
  check('1366: no horizontal overflow', await overflow(page) <= 0, await overflow(page));
  // No earlier report: no prefill notice at all.
  check('no prefill notice when nothing was prefilled',
    !(await page.textContent('main')).includes('Đã điền sẵn'));

  // ---- numbers: what the page echoes is what the server reads ----
  // Each typed into a material's quantity (in kilôgam), echoed by form.js,
  // then saved: the server's reading is the stored quantity, or its message.
  // Worked by hand with the Vietnamese rule ('.' groups, ',' decimals):
  const table = [
    ['12.500', '= 12.500 kilôgam', 12500],
    ['3,5', '= 3,5 kilôgam', 3.5],
    ['1.234.567,8', '= 1.234.567,8 kilôgam', 1234567.8],
    // decimal part of three digits, no group: 1,234 here, 1.234 (=1234) in English
    ['1,234', 'đọc được hai cách: 1,234 hoặc 1.234; hãy viết rõ', '1,234 hoặc 1.234'],
    // not a Vietnamese number; in English it is twelve and a half
    ['12.5', 'có phải 12,5?', 'không phải là số'],
    ['0,5', '= 0,5 kilôgam', 0.5],
    ['1.000,25', '= 1.000,25 kilôgam', 1000.25],
  ];
  await page.fill('input[name="material[0].name"]', 'Muối hạt');
  await page.selectOption('select[name="material[0].unit"]', { label: 'kilôgam' });
  for (const [typed, echo, server] of table) {
    await page.fill('input[name="material[0].quantity"]', '');
    await page.type('input[name="material[0].quantity"]', typed);
    const shown = await page.textContent('#echo-f-material-0-quantity');
    check(`echo of ${typed}`, shown.includes(echo), shown);
    await save(page);
    if (typeof server === 'number') {
      const stored = Number(sql(`SELECT quantity FROM report_material WHERE report_id = (${reportSql})`));
      check(`server reads ${typed} as ${server}`, stored === server, stored);
      check(`${typed}: saved`, (await page.textContent('main')).includes('Đã lưu nháp'));
    } else {
      const err = await page.textContent('span.field-error[data-field="material[0].quantity"]');
      check(`server refuses ${typed}`, err.includes(server), err);
      check(`${typed}: kept as typed`, await page.inputValue('input[name="material[0].quantity"]') === typed);
    }
  }
  // The material row is removed in the page (the server drops empty rows).
  await page.evaluate(() => { window.sxshNoReload = 1; });
  const matRows = () => page.locator('table[data-kind="material"] tbody tr.line').count();
  const before = await matRows();
  await page.click('table[data-kind="material"] tbody tr.line >> nth=0 >> button.remove-row');
  check('material row removed without reload',
    await matRows() === before - 1 && await page.evaluate(() => window.sxshNoReload === 1));

  // ---- pickers: names, never codes ----
  check('product list shows names, the facility sector first',
    await page.locator('select[name="output[0].product"] optgroup').count() === 2);
  await page.fill('table[data-kind="output"] tr.line >> nth=0 >> input.filter', 'nuoc da');
  const visible = await page.$$eval('select[name="output[0].product"] option',
    (os) => os.filter((o) => !o.hidden && o.value !== '').map((o) => o.textContent));
  check('search "nuoc da" finds Nước đá only', visible.length === 1 && visible[0] === 'Nước đá', visible.join(', '));
  await page.selectOption('select[name="output[0].product"]', { label: 'Nước đá' });
  const unitLabel = await page.$eval('select[name="output[0].unit"]', (s) => s.options[s.selectedIndex].textContent);
  check('the product fills its unit (tấn)', unitLabel === 'tấn', unitLabel);
  await page.type('input[name="output[0].quantity"]', '12.500');
  check('output echo 12.500 tấn', (await page.textContent('#echo-f-output-0-quantity')) === '= 12.500 tấn');

  // ---- the monthly grid: twelve electricity bills ----
  await page.selectOption('select[name="grid[0].carrier"]', { label: 'Điện' });
  const units = await page.$$eval('select[name="grid[0].unit"] option',
    (os) => os.filter((o) => !o.hidden && o.value !== '').map((o) => o.textContent));
  check('units narrowed to electricity\'s', units.join(',') === 'kilôoát giờ,megaoát giờ,gigaoát giờ', units.join(','));
  await page.selectOption('select[name="grid[0].unit"]', { label: 'kilôoát giờ' });
  // 12 x 8.000.000 kWh = 96.000.000 kWh x 0,0001543 TOE/kWh = 14.812,8 TOE
  for (let m = 1; m <= 12; m++) await page.type(`input[name="grid[0].m${m}"]`, '8.000.000');
  check('grid echo', (await page.textContent('#echo-f-grid-0-m12')) === '= 8.000.000 kilôoát giờ');
  // A yearly line typed with a decimal comma: 3,5 t of diesel oil.
  await page.selectOption('select[name="energy[0].carrier"]', { label: 'Dầu diesel (DO)' });
  await page.selectOption('select[name="energy[0].unit"]', { label: 'tấn' });
  await page.type('input[name="energy[0].quantity"]', '3,5');
  check('energy echo 3,5 tấn', (await page.textContent('#echo-f-energy-0-quantity')) === '= 3,5 tấn');
  await page.type('input[name="energy[0].cost"]', '75.000.000');
  check('cost echoed in đồng', (await page.textContent('#echo-f-energy-0-cost')) === '= 75.000.000 đồng');
  await page.selectOption('select[name="water[0].source"]', { label: 'Nước máy' });
  await page.type('input[name="water[0].quantity_m3"]', '1.200');

  // Add and remove a grid row without reloading.
  const gridRows = () => page.locator('table[data-kind="grid"] tbody tr.line').count();
  const g0 = await gridRows();
  await page.click('button.add-row[data-kind="grid"]');
  check('grid row added without reload', await gridRows() === g0 + 1 &&
    await page.evaluate(() => window.sxshNoReload === 1));
  check('new row numbered', await page.locator(`select[name="grid[${g0}].carrier"]`).count() === 1);
  check('n_grid counts the rows', await page.inputValue('input[name="n_grid"]') === String(g0 + 1));
  await page.click(`table[data-kind="grid"] tbody tr.line >> nth=${g0} >> button.remove-row`);
  check('grid row removed without reload', await gridRows() === g0 &&
    await page.evaluate(() => window.sxshNoReload === 1));

  // ---- Enter saves, never adds a row ----
  await Promise.all([page.waitForNavigation(), page.press('input[name="grid[0].m6"]', 'Enter')]);
  check('Enter saved the draft', (await page.textContent('main')).includes('Đã lưu nháp'));
  check('Enter added no row: 1 filled + 2 blank', await gridRows() === 3, await gridRows());
  check('twelve monthly lines stored', sql(`SELECT count(*) FROM report_energy WHERE month IS NOT NULL
    AND carrier_code = 'electricity' AND report_id = (${reportSql})`) === '12');
  // Stored figures come back with every digit, grouped as the page writes them (wfp_qty_input).
  check('bills kept after saving', await page.inputValue('input[name="grid[0].m12"]') === '8.000.000');
  check('stored bill echoed grouped', (await page.textContent('#echo-f-grid-0-m12')) === '= 8.000.000 kilôoát giờ');
  check('picked names kept', await page.$eval('select[name="grid[0].carrier"]',
    (s) => s.options[s.selectedIndex].textContent) === 'Điện');

  // ---- an error beside its field, tied with aria-describedby ----
  await page.fill('input[name="output[0].quantity"]', '12.5');
  await save(page, 'preview');
  const q = page.locator('input[name="output[0].quantity"]');
  check('field marked invalid', await q.getAttribute('aria-invalid') === 'true');
  const by = (await q.getAttribute('aria-describedby')) || '';
  check('aria-describedby names the error', by.split(' ').includes('e-output-0-quantity'), by);
  check('error element exists', await page.locator('#e-output-0-quantity.field-error').count() === 1);
  check('error is red', await page.$eval('#e-output-0-quantity', (e) => getComputedStyle(e).color) === 'rgb(164, 22, 26)');
  check('summary links to the field',
    await page.locator('div.error-summary[role="alert"] a[href="#f-output-0-quantity"]').count() === 1);
  await page.fill('input[name="grid[0].m1"]', '8.000.000');
  await save(page, 'preview');
  check('typed bills kept after an error', await page.inputValue('input[name="grid[0].m1"]') === '8.000.000');
  await page.fill('input[name="output[0].quantity"]', '12.500');

  // ---- 390 px: the form does not overflow ----
  const phone = await ctx.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(url);
  check('390: no horizontal overflow', await overflow(phone) <= 0, await overflow(phone));
  await phone.close();

  // ---- a warning needs an explanation to submit ----
  // 14.812,8 + 3,5 x 1,02 = 14.816,37 TOE for 10 employees: 1.481,6 TOE each, above 1.000.
  await save(page, 'preview');
  const warn = page.locator('.warn#w-toe_per_employee');
  check('energy per employee warned beside the energy lines', await warn.count() === 1 &&
    await page.locator('fieldset#energy .warn#w-toe_per_employee').count() === 1);
  await save(page, 'submit');
  const box = page.locator('textarea[name="explain.toe_per_employee"]');
  check('submit without explanation refused', await box.getAttribute('aria-invalid') === 'true');
  check('its error names the warning', (await page.textContent('#e-explain-toe_per_employee'))
    .includes('Hãy giải thích cảnh báo trước khi nộp: Tổng năng lượng'));
  check('nothing submitted', sql(`SELECT status FROM report WHERE id = (${reportSql})`) === 'draft');
  for (const t of await page.locator('textarea[name^="explain."]').all())
    await t.fill('Năm nay chạy thêm hai máy nén mới');
  await save(page, 'submit');
  check('submitted', (await page.textContent('main')).includes('Đã nộp báo cáo'));
  check('explanation stored', sql(`SELECT explanation FROM report_explanation WHERE field =
    'toe_per_employee' AND report_id = (${reportSql})`) === 'Năm nay chạy thêm hai máy nén mới');
  check('explanations shown on the read-only form',
    (await page.textContent('section.explanations')).includes('Năm nay chạy thêm hai máy nén mới'));
  const grid = await page.textContent('main fieldset#grid');
  check('read-only grid shows names, no codes', grid.includes('Điện') && !grid.includes('electricity'), grid);
} catch (e) {
  fail(e);
} finally {
  await browser.close();
}
finish();
