// The reviewer's desk in Debian chromium (src/web/review.c): a facility of
// this file's own with last year's report accepted (imported with the
// command line) and this year's filed and submitted through the JSON API
// by its enterprise user; a district user finds it in the queue by the
// unit's name, reads each line against last year's and the SEC against
// the peers', returns it with a note; the enterprise changes one line and
// resubmits; the district sees the change highlighted and the note history
// with its time as dd/mm/yyyy HH:MM.  Then phone width (390 px, no
// horizontal overflow) and print (letterhead shown, buttons and forms not).
//
// Figures, worked by hand (electricity: 0.0036 GJ per kWh; fishmeal has no
// norm, so SEC is in GJ per tonne):
//   last year (accepted): fishmeal 40 t; electricity 20.000 kWh for the
//     year; ground water 500 m3; material "Cá tạp" 120 t.
//     SEC 20000 x 0.0036 / 40 = 1.8 GJ/t.
//   this year, first submission: 50 t; January 12.000 kWh, February
//     12.000 kWh; ground water 800 m3; "Cá tạp" 150 t.
//     output (50 - 40) / 40 = +25,0 %; electricity 24000 / 20000 = +20,0 %;
//     water 800 / 500 = +60,0 % (beyond ±50 %: flagged); material +25,0 %;
//     SEC 24000 x 0.0036 / 50 = 1.728 GJ/t against 1.8: -4,0 %.
//     Peers: nobody else makes fishmeal, and this year's is not accepted,
//     so last year's one accepted SEC: "1,800–1,800 GJ/tấn (1 cơ sở, năm …)".
//   resubmission: February 15.000 kWh: electricity 27000 / 20000 = +35,0 %;
//     SEC 27000 x 0.0036 / 50 = 1.944 GJ/t: +8,0 %.
import { chromium } from 'playwright-core';
import { env, check, fail, finish, sxsh, addUser, signIn, signOut } from './lib/common.mjs';
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const year = Number(env.year);
const last = year - 1;
const code = 'RVB-1';
const unit = 'phu-quoc';
const unitName = 'Thành phố Phú Quốc';

// Our own facility and last year's accepted report, through the command line.
const dir = mkdtempSync(join(tmpdir(), 'sxsh-review-'));
writeFileSync(join(dir, 'f.csv'),
  'code,tax_code,name,sector,admin_unit,address,lat,lon,ownership,size,employees,opened_year,closed_year,status\n' +
  `${code},1700771232,Xưởng Bột Cá Minh Phát,1080,${unit},"45 Đường Cảng, Phú Quốc",,,private,small,25,2010,,active\n`);
const r = 'facility_code,year,status,cp_aware,cp_staff,cp_unit,cp_applied,line,item,product,month,quantity,unit,cost_vnd\n';
const row = (line, item, product, qty, u) => `${code},${last},accepted,1,0,0,0,${line},${item},${product},,${qty},${u},\n`;
writeFileSync(join(dir, 'r.csv'), r +
  row('output', '', 'fishmeal', 40, 't') + row('energy', 'electricity', '', 20000, 'kWh') +
  row('water', 'ground', '', 500, 'm3') + row('material', 'Cá tạp', '', 120, 't'));
sxsh(['import', 'facilities', join(dir, 'f.csv')]);
sxsh(['import', 'reports', join(dir, 'r.csv')]);
rmSync(dir, { recursive: true });
const fid = execFileSync('sqlite3', [env.db, `SELECT id FROM facility WHERE code = '${code}'`]).toString().trim();
const entPw = addUser('enterprise', 'ent-rv@x.vn', ['--facility', fid]);
const disPw = addUser('district', 'dis-rv@x.vn', ['--unit', unit]);

// The report through the JSON API with the enterprise's session cookie.
async function api(page, method, path, data) {
  const s = await page.request.get(`${env.base}/api/v1/session`);
  const csrf = (await s.json()).csrf_token;
  const res = await page.request.fetch(`${env.base}/api/v1${path}`, {
    method, data, headers: { 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' },
  });
  const body = await res.json().catch(() => ({}));
  if (res.status() >= 300) throw new Error(`${method} ${path}: ${res.status()} ${JSON.stringify(body)}`);
  return body;
}
function content(feb) {
  return {
    cp_aware: true, cp_staff: false, cp_unit: false, cp_applied: false,
    output: [{ product: 'fishmeal', quantity: 50, unit: 't' }],
    energy: [{ carrier: 'electricity', quantity: 12000, unit: 'kWh', month: 1 },
      { carrier: 'electricity', quantity: feb, unit: 'kWh', month: 2 }],
    water: [{ source: 'ground', quantity_m3: 800 }],
    material: [{ name: 'Cá tạp', quantity: 150, unit: 't' }],
  };
}

const text = async (page, sel) => (await page.locator(sel).allTextContents()).join(' | ').replace(/\s+/g, ' ');
// The rows of table.NAME containing first, each as its cells' text joined by single spaces.
const rowOf = async (page, table, first) =>
  page.locator(`table.${table} tbody tr`).filter({ hasText: first }).evaluateAll((trs) =>
    trs.map((tr) => [...tr.cells].map((c) => c.textContent.replace(/\s+/g, ' ').trim()).join(' ')));

async function noOverflow(page, name) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  check(`${name}: no horizontal overflow at 390 px`, w <= 390, `scrollWidth ${w}`);
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const ent = await (await browser.newContext()).newPage();
  await signIn(ent, 'ent-rv@x.vn', entPw);
  const made = await api(ent, 'POST', '/reports', { facility_id: Number(fid), year, ...content(12000) });
  const id = made.id;
  await api(ent, 'POST', `/reports/${id}/submit`, { version: made.version });

  // District: the queue filtered by the unit's name, then the report.
  const dis = await (await browser.newContext()).newPage();
  await signIn(dis, 'dis-rv@x.vn', disPw);
  await dis.goto(`${env.base}/review`);
  await dis.selectOption('select[name="unit"]', { label: `${unitName} (đến 30/06/2025)` });
  await Promise.all([dis.waitForNavigation(), dis.click('form.filters button')]);
  check('queue filtered by unit code in the URL', dis.url().includes(`unit=${unit}`), dis.url());
  const queue = await text(dis, 'table.queue tbody');
  check('queue lists the facility', queue.includes('Xưởng Bột Cá Minh Phát'), queue);
  check('queue shows the submission time', /\d\d\/\d\d\/\d{4} \d\d:\d\d/.test(queue), queue);
  await Promise.all([dis.waitForNavigation(), dis.click(`a[href="/reports/${id}"]`)]);

  check('output against last year', (await rowOf(dis, 'outputs', 'Bột cá'))[0] ===
    'Bột cá 50,00 tấn 40,00 +25,0 %', (await rowOf(dis, 'outputs', 'Bột cá'))[0]);
  const months = (await rowOf(dis, 'energy', 'Điện')).join(' | ');
  check('energy lines with their months', months.includes('Điện T1 12.000,00 kilôoát giờ') &&
    months.includes('Điện T2 12.000,00 kilôoát giờ'), months);
  check('carrier against last year', (await rowOf(dis, 'carriers', 'Điện'))[0]
    .startsWith('Điện 24.000,00 kilôoát giờ 20.000,00 kilôoát giờ +20,0 %'), (await rowOf(dis, 'carriers', 'Điện'))[0]);
  const water = (await rowOf(dis, 'water', 'Nước ngầm'))[0];
  check('water flagged beyond 50 %', water === 'Nước ngầm 800,00 500,00 +60,0 % (cần xem) —', water);
  check('flag is marked', await dis.locator('table.water td.flag strong').count() === 1);
  check('material against last year', (await rowOf(dis, 'materials', 'Cá tạp'))[0] ===
    'Cá tạp 150,00 tấn 120,00 +25,0 % —', (await rowOf(dis, 'materials', 'Cá tạp'))[0]);
  const sec = (await rowOf(dis, 'sec', 'Bột cá'))[0];
  check('SEC against last year and the peers', sec ===
    `Bột cá 1,728 GJ/tấn 1,800 GJ/tấn -4,0 % 1,800–1,800 GJ/tấn (1 cơ sở, năm ${last}) không có`, sec);
  check('no internal codes', !/\b(fishmeal|electricity|ground)\b/.test(await dis.textContent('main')));

  // Returned with a note.
  const back = dis.locator('form.action:has(input[name="action"][value="return"])');
  await back.locator('textarea[name="note"]').fill('Kiểm tra lại điện tháng 2');
  await Promise.all([dis.waitForNavigation(), back.locator('button').click()]);
  check('returned', (await dis.textContent('p.state')).includes('Trả lại'));

  // The enterprise changes February and resubmits.
  const cur = await (await ent.request.get(`${env.base}/api/v1/reports/${id}`)).json();
  const upd = await api(ent, 'PUT', `/reports/${id}`, { version: cur.version, ...content(15000) });
  await api(ent, 'POST', `/reports/${id}/submit`, { version: upd.version });

  await dis.goto(`${env.base}/reports/${id}`);
  const changes = await rowOf(dis, 'changes', 'Điện');
  check('the change listed old → new', changes[0] ===
    'Năng lượng Điện, T2 sửa 12.000,00 kilôoát giờ 15.000,00 kilôoát giờ', changes[0]);
  check('only that line changed', await dis.locator('table.changes tbody tr').count() === 1);
  check('the changed line highlighted', await dis.locator('table.energy tr.chg-row').count() === 1 &&
    (await dis.textContent('table.energy tr.chg-row')).includes('T2'));
  check('carrier after the change', (await rowOf(dis, 'carriers', 'Điện'))[0]
    .startsWith('Điện 27.000,00 kilôoát giờ 20.000,00 kilôoát giờ +35,0 %'));
  check('SEC after the change', (await rowOf(dis, 'sec', 'Bột cá'))[0].startsWith('Bột cá 1,944 GJ/tấn 1,800 GJ/tấn +8,0 %'));
  const hist = await rowOf(dis, 'history', '');
  check('note history: submit, return, submit', hist.length === 3, hist.join(' | '));
  check('return note with who and when', /^\d\d\/\d\d\/\d{4} \d\d:\d\d dis-rv@x\.vn Trả lại Kiểm tra lại điện tháng 2$/
    .test(hist[1] || ''), hist[1]);
  // Vietnam's time: the stored Unix time plus 7 hours, written dd/mm/yyyy HH:MM.
  const at = Number(execFileSync('sqlite3', [env.db,
    `SELECT at FROM doc_event WHERE kind = 'report' AND doc_id = ${id} AND action = 'return'`]).toString());
  const d = new Date((at + 7 * 3600) * 1000);
  const p2 = (n) => String(n).padStart(2, '0');
  const vn = `${p2(d.getUTCDate())}/${p2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
  check('return time in Asia/Ho_Chi_Minh', (hist[1] || '').startsWith(vn), `${hist[1]} vs ${vn}`);
  check('returned note no longer current', await dis.locator('blockquote.review-note').count() === 0);

  // Phone width: the queue and the report scroll inside their tables.
  await dis.setViewportSize({ width: 390, height: 844 });
  await noOverflow(dis, 'report');
  await dis.goto(`${env.base}/review?status=all&unit=${unit}`);
  await noOverflow(dis, 'queue');

  // Print: the letterhead and the signatures, no buttons or forms.
  await dis.setViewportSize({ width: 1366, height: 768 });
  await dis.goto(`${env.base}/reports/${id}`);
  check('letterhead hidden on screen', !(await dis.locator('.letterhead').isVisible()));
  await dis.emulateMedia({ media: 'print' });
  check('letterhead printed', await dis.locator('.letterhead').isVisible());
  check('department named', (await dis.textContent('.letterhead')).includes('Sở Công Thương'));
  check('print date', /In ngày \d\d\/\d\d\/\d{4}/.test(await dis.textContent('.print-date')));
  check('signature block printed', await dis.locator('.signatures').isVisible());
  const buttons = await dis.locator('main button').evaluateAll((bs) => bs.filter((b) => b.offsetParent !== null).length);
  check('no buttons printed', buttons === 0, `${buttons} visible`);
  check('no navigation printed', !(await dis.locator('header.site nav').isVisible()));
  const pdf = await dis.pdf({ format: 'A4' });
  check('prints to PDF', pdf.length > 1000);
  await dis.emulateMedia({ media: 'screen' });
  await signOut(dis);
  await signOut(ent);
} catch (e) {
  fail(e);
} finally {
  await browser.close();
}
finish();
