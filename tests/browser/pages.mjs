// Every page as each role sees it, on a desktop and on a phone: no
// horizontal overflow, no serious or critical axe-core violation; the
// dashboard's chart text is readable and its labels do not overlap; the
// dashboard prints on at most two A4 pages with its as-of date and without
// navigation, buttons or forms.
//
// To add a page, add a row to PAGES: the role that visits it (a key of
// ROLES) and its path, a string or a function of the fixture (fx) for paths
// with ids; `status` when the page is not a 200 (an error page).  A row with `pending: { CHECK: 'reason' }` (CHECK: overflow or
// axe) skips that check on that page and says so in the output: it marks a
// page whose fix is waiting in another branch, and must be removed when that
// fix is merged.  SXSH_PAGES_STRICT=1 checks pending pages too.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { env, check, fail, finish, addUser, signIn, freeFacility } from './lib/common.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const WIDTHS = [
  { name: 'desktop', width: 1366, height: 768 },
  { name: 'phone', width: 360, height: 740 },
];

// ---- the fixture: a facility and an account per role ----
function sql(q) {
  return execFileSync('sqlite3', [env.db, q]).toString().trim();
}
const fac = freeFacility([env.facility]);
const tag = `pages${process.pid}`;
const ROLES = {
  public: null,
  enterprise: { email: `ent-${tag}@x.vn`, role: 'enterprise', extra: ['--facility', fac.id] },
  district: { email: `dis-${tag}@x.vn`, role: 'district', extra: ['--unit', fac.unit] },
  province: { email: `pro-${tag}@x.vn`, role: 'province', extra: [] },
  admin: { email: `adm-${tag}@x.vn`, role: 'admin', extra: [] },
  expert: { email: `exp-${tag}@x.vn`, role: 'expert', extra: [] },
};
for (const r of Object.values(ROLES)) if (r) r.password = addUser(r.role, r.email, r.extra);

// A document of the district's unit that a reviewer can open (the demo has
// submitted and accepted ones), and the facility it belongs to.
const inUnit = `facility_id IN (SELECT f.id FROM facility f JOIN admin_unit au
  ON au.id = f.admin_unit_id WHERE au.code = '${fac.unit}')`;
const reportId = sql(`SELECT id FROM report WHERE ${inUnit} AND status <> 'draft'
  ORDER BY id LIMIT 1`);
// The demo has no registrations: one submitted for another facility of the unit.
sql(`INSERT INTO registration(facility_id, year, apply_cp, planned_saving_pct, measures,
  status, submitted_on) SELECT id, ${env.year}, 1, 5, 'Thay đèn LED, bảo ôn đường ống hơi',
  'submitted', date('now') FROM facility WHERE ${inUnit.replace('facility_id', 'id')}
  AND id NOT IN (${fac.id}, ${env.facility})
  AND id NOT IN (SELECT facility_id FROM registration WHERE year = ${env.year})
  ORDER BY id LIMIT 1`);
const registrationId = sql(`SELECT id FROM registration WHERE ${inUnit} AND status <> 'draft'
  ORDER BY id LIMIT 1`);
const reportFacility = sql(`SELECT facility_id FROM report WHERE id = ${reportId}`);
const fx = { fac, year: env.year, reportId, registrationId, reportFacility };

const PAGES = [
  { role: 'public', path: '/' },
  { role: 'public', path: '/?lang=en' },
  { role: 'public', path: '/facilities' },
  { role: 'public', path: (f) => `/facilities/${f.fac.id}` },
  { role: 'public', path: '/indicators' },
  { role: 'public', path: '/indicators?by=sector' },
  { role: 'public', path: '/benchmark' },
  { role: 'public', path: (f) => `/benchmark?product=frozen_seafood&year=${f.year - 1}` },
  { role: 'province', path: (f) => `/benchmark?product=frozen_seafood&year=${f.year - 1}` },
  { role: 'public', path: '/login' },
  { role: 'public', path: '/no-such-page', status: 404 },
  { role: 'enterprise', path: '/my' },
  { role: 'enterprise', path: '/account' },
  { role: 'enterprise', path: (f) => `/facilities/${f.fac.id}` },
  { role: 'enterprise', path: (f) => `/facilities/${f.fac.id}/report/${f.year}` },
  { role: 'enterprise', path: (f) => `/facilities/${f.fac.id}/registration/${f.year}` },
  { role: 'enterprise', path: '/' },
  { role: 'district', path: '/review' },
  { role: 'district', path: (f) => `/reports/${f.reportId}` },
  { role: 'district', path: (f) => `/registrations/${f.registrationId}` },
  { role: 'district', path: (f) => `/facilities/${f.reportFacility}` },
  { role: 'district', path: '/keyusers' },
  { role: 'district', path: '/facilities' },
  { role: 'province', path: '/' },
  { role: 'province', path: '/review' },
  { role: 'province', path: '/claims' },
  { role: 'province', path: '/audit' },
  { role: 'province', path: '/keyusers' },
  { role: 'province', path: (f) => `/facilities/${f.fac.id}` },
  { role: 'admin', path: '/users' },
  { role: 'admin', path: '/audit' },
  { role: 'admin', path: '/account' },
  { role: 'province', path: '/deadlines' },
  { role: 'admin', path: '/deadlines' },
  { role: 'admin', path: '/users/1' },
  { role: 'district', path: '/review?status=all' },
  { role: 'province', path: '/audit?lang=en' },
  { role: 'expert', path: '/' },
  { role: 'expert', path: '/account' },
  // -- campaign: one campaign of the fixture's district, opened once by the first row that needs it
  { role: 'province', path: '/campaigns' },
  { role: 'province', path: '/campaigns?lang=en' },
  { role: 'district', path: '/campaigns' },
  { role: 'province', path: (f) => `/campaigns/${f.campaign ??= execFileSync(env.bin, ['campaign', 'open', '--year', String(f.year), '--kind', 'both', '--deadline', `${Number(f.year) + 1}-03-31`, '--unit', f.fac.unit, '--db', env.db]).toString().trim()}` },
  { role: 'district', path: (f) => `/campaigns/${f.campaign ??= execFileSync(env.bin, ['campaign', 'open', '--year', String(f.year), '--kind', 'both', '--deadline', `${Number(f.year) + 1}-03-31`, '--unit', f.fac.unit, '--db', env.db]).toString().trim()}` },
  // -- campaign (closing): a campaign of the fixture's district opened and closed with the command line
  { role: 'province', path: (f) => `/campaigns/${f.closed ??= ((c) => (execFileSync(env.bin, ['campaign', 'close', c, '--db', env.db]), c))(execFileSync(env.bin, ['campaign', 'open', '--year', String(f.year), '--kind', 'report', '--deadline', `${Number(f.year) + 1}-04-30`, '--unit', f.fac.unit, '--db', env.db]).toString().trim())}?done=closed` },
  // -- mail --
  { role: 'public', path: '/password/forgot' },
  { role: 'public', path: '/password/reset?token=no-such-token', status: 410 },
  // -- wbimport: the upload form (its preview and error list are checked in wbupload.mjs)
  { role: 'district', path: '/workbooks/upload' },
  { role: 'province', path: '/workbooks/upload?lang=en' },
  { role: 'enterprise', path: '/workbooks/upload' },
  // -- mapping --
  { role: 'province', path: '/imports/new' },
  { role: 'admin', path: '/imports/new?lang=en' },
  // -- end mapping --
  // -- assessments --
  // one assessment of the fixture's facility, in progress, its team naming the expert; made once
  // with SQL by the first row that needs it (roles run in the order of ROLES)
  { role: 'province', path: '/assessments' },
  { role: 'province', path: '/assessments?lang=en' },
  { role: 'expert', path: '/assessments' },
  { role: 'province', path: '/assessments/new' },
  { role: 'province', path: '/assessments/new?lang=en' },
  { role: 'province', path: (f) => `/assessments/${f.assessment ??= sql(`INSERT INTO assessment(facility_id, year, started_on, status, title, focus) VALUES (${f.fac.id}, 2026, '2026-03-15', 'in_progress', 'Đánh giá SXSH khâu cấp đông', 'Khâu cấp đông và kho lạnh'); INSERT INTO assessment_member(assessment_id, user_id, name, team_role) SELECT max(a.id), u.id, 'Chuyên gia tư vấn', 'expert' FROM assessment a, app_user u WHERE u.email = '${ROLES.expert.email}' GROUP BY u.id; SELECT max(id) FROM assessment`)}` },
  { role: 'expert', path: (f) => `/assessments/${f.assessment ??= sql(`INSERT INTO assessment(facility_id, year, started_on, status, title, focus) VALUES (${f.fac.id}, 2026, '2026-03-15', 'in_progress', 'Đánh giá SXSH khâu cấp đông', 'Khâu cấp đông và kho lạnh'); INSERT INTO assessment_member(assessment_id, user_id, name, team_role) SELECT max(a.id), u.id, 'Chuyên gia tư vấn', 'expert' FROM assessment a, app_user u WHERE u.email = '${ROLES.expert.email}' GROUP BY u.id; SELECT max(id) FROM assessment`)}?lang=en` },
  { role: 'district', path: (f) => `/assessments/${f.assessment ??= sql(`INSERT INTO assessment(facility_id, year, started_on, status, title, focus) VALUES (${f.fac.id}, 2026, '2026-03-15', 'in_progress', 'Đánh giá SXSH khâu cấp đông', 'Khâu cấp đông và kho lạnh'); INSERT INTO assessment_member(assessment_id, user_id, name, team_role) SELECT max(a.id), u.id, 'Chuyên gia tư vấn', 'expert' FROM assessment a, app_user u WHERE u.email = '${ROLES.expert.email}' GROUP BY u.id; SELECT max(id) FROM assessment`)}` },
  { role: 'enterprise', path: (f) => `/assessments/${f.assessment ??= sql(`INSERT INTO assessment(facility_id, year, started_on, status, title, focus) VALUES (${f.fac.id}, 2026, '2026-03-15', 'in_progress', 'Đánh giá SXSH khâu cấp đông', 'Khâu cấp đông và kho lạnh'); INSERT INTO assessment_member(assessment_id, user_id, name, team_role) SELECT max(a.id), u.id, 'Chuyên gia tư vấn', 'expert' FROM assessment a, app_user u WHERE u.email = '${ROLES.expert.email}' GROUP BY u.id; SELECT max(id) FROM assessment`)}` },

  // -- assessment process --
  // an assessment of the fixture's facility (2011) with two steps, made once with SQL
  ...((proc) => [
    { role: 'province', path: (f) => `/assessments/${proc(f)}/process` },
    { role: 'district', path: (f) => `/assessments/${proc(f)}/process` },
    { role: 'province', path: (f) => `/assessments/${proc(f)}/process?lang=en` },
  ])((f) => (f.procAssess ??= sql(`INSERT INTO assessment(facility_id, year, title, started_on, balance_period, status) VALUES (${f.fac.id}, 2011, 'Đánh giá sơ đồ', '2011-05-01', 'month', 'in_progress'); INSERT INTO process_step(assessment_id, seq, name) SELECT id, 1, 'Tiếp nhận và rửa nguyên liệu' FROM assessment WHERE facility_id = ${f.fac.id} AND year = 2011; INSERT INTO process_step(assessment_id, seq, name) SELECT id, 2, 'Phi lê' FROM assessment WHERE facility_id = ${f.fac.id} AND year = 2011; INSERT INTO balance_item(step_id, direction, stream, name, quantity, unit) SELECT s.id, 'in', 'material', 'Cá tra nguyên con', 10, 't' FROM process_step s JOIN assessment a ON a.id = s.assessment_id WHERE a.facility_id = ${f.fac.id} AND a.year = 2011 AND s.seq = 1; INSERT INTO balance_item(step_id, direction, stream, name, quantity, unit, treatment_cost) SELECT s.id, 'out', 'waste', 'Nước thải rửa', 14.8, 'm3', 118400 FROM process_step s JOIN assessment a ON a.id = s.assessment_id WHERE a.facility_id = ${f.fac.id} AND a.year = 2011 AND s.seq = 2; SELECT id FROM assessment WHERE facility_id = ${f.fac.id} AND year = 2011`))),

  // -- assessment options --

  // -- options across assessments --
  { role: 'province', path: '/options' },
  { role: 'expert', path: '/options?lang=en' },

  // -- assessment savings and case studies --
  { role: 'public', path: '/case-studies' },
  { role: 'public', path: '/case-studies?lang=en' },

];

// ---- checks on one page ----

// The elements that stick out to the right of the viewport (for the message).
async function overflowers(page) {
  return page.evaluate(() => {
    const w = window.innerWidth;
    const out = [];
    const scrolls = (el) => {
      for (let a = el.parentElement; a; a = a.parentElement)
        if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)) return true;
      return false;
    };
    for (const el of document.querySelectorAll('body *')) {
      if (scrolls(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.right > w + 0.5 && r.width > 0) {
        // Only the outermost: skip those whose parent already sticks out.
        const p = el.parentElement.getBoundingClientRect();
        if (p.right > w + 0.5) continue;
        out.push(`${el.tagName.toLowerCase()}${el.className ? '.' + el.className : ''} ` +
          `(right ${Math.round(r.right)})`);
      }
    }
    return out.slice(0, 5).join(', ');
  });
}

async function checkOverflow(page, label) {
  const { sw, iw } = await page.evaluate(() => ({
    sw: document.documentElement.scrollWidth,
    iw: window.innerWidth,
  }));
  check(`${label}: no horizontal overflow`, sw <= iw,
    `page is ${sw} px wide in ${iw} px: ${await overflowers(page)}`);
}

// axe-core in the page, evaluated through the browser's debugging protocol,
// which the page's Content-Security-Policy does not govern.
async function checkAxe(page, label) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  check(`${label}: no serious or critical axe violation`, violations.length === 0,
    '\n    ' + violations.join('\n    '));
}

async function checkSkipLink(page, label) {
  const ok = await page.evaluate(() => {
    const a = document.querySelector('a.skip');
    if (!a) return false;
    const target = document.getElementById(a.getAttribute('href').slice(1));
    return target !== null && target.tagName === 'MAIN' &&
      document.body.querySelector('a[href]') === a;
  });
  check(`${label}: the first link skips to <main>`, ok);
  // The first Tab shows it on screen; Enter moves the focus to <main>.
  await page.keyboard.press('Tab');
  const shown = await page.evaluate(() => {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    return el.classList.contains('skip') && r.top >= 0 && r.bottom <= window.innerHeight;
  });
  check(`${label}: Tab shows the skip link`, shown);
  await page.keyboard.press('Enter');
  check(`${label}: the skip link moves the focus to <main>`,
    await page.evaluate(() => document.activeElement === document.querySelector('main')));
}

// ---- the dashboard's charts and print ----

// Rendered size of each chart text: the height of its font as drawn (font
// size times the SVG's scale), and whether the target label's box meets
// any bar label's box.
async function chartText(page) {
  return page.evaluate(() => {
    const res = { min: Infinity, minText: '', texts: 0, overlaps: [] };
    for (const svg of document.querySelectorAll('svg.sxsh-chart')) {
      const scale = svg.getScreenCTM().a;
      for (const t of svg.querySelectorAll('text')) {
        const px = parseFloat(getComputedStyle(t).fontSize) * scale;
        res.texts++;
        if (px < res.min) {
          res.min = px;
          res.minText = t.textContent;
        }
      }
      const target = svg.querySelector('.target text, text.target');
      if (!target) continue;
      const a = target.getBoundingClientRect();
      for (const t of svg.querySelectorAll('text.value, text.year, text.coverage')) {
        const b = t.getBoundingClientRect();
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
          res.overlaps.push(`"${target.textContent}" on "${t.textContent}"`);
      }
    }
    return res;
  });
}

async function checkCharts(page, label, isDashboard) {
  const c = await chartText(page);
  if (isDashboard) {
    // Five indicators, each with 3 tick labels and a year label per bar at least.
    check(`${label}: charts have text`, c.texts >= 5 * 4, `${c.texts} texts`);
  }
  if (c.texts === 0) return;
  check(`${label}: chart text at least 11 px`, c.min >= 11,
    `"${c.minText}" is ${c.min.toFixed(1)} px`);
  check(`${label}: the target label overlaps no bar label`, c.overlaps.length === 0,
    c.overlaps.slice(0, 3).join('; '));
}

// The as-of line is today's date in Vietnam (UTC+7, no daylight saving).
function todayVN() {
  const d = new Date(Date.now() + 7 * 3600 * 1000);
  const p = (n) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

async function checkPrint(page) {
  await page.goto(`${env.base}/`);
  const asOf = `Số liệu tính đến ${todayVN()}`;
  check('dashboard shows its as-of date', (await page.locator('main').innerText()).includes(asOf),
    `"${asOf}" not found`);
  await page.emulateMedia({ media: 'print' });
  const hidden = await page.evaluate(() => {
    const shown = (el) => el.getClientRects().length > 0 &&
      getComputedStyle(el).visibility !== 'hidden';
    const bad = [...document.querySelectorAll('nav, button, form, header.site, a.skip')]
      .filter(shown).map((el) => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
    return bad.join(', ');
  });
  check('dashboard in print: no navigation, buttons or forms', hidden === '', hidden);
  const asOfShown = await page.locator('.as-of').evaluate((el) => el.getClientRects().length > 0 &&
    getComputedStyle(el).visibility !== 'hidden' && el.innerText);
  check('dashboard in print: the as-of date is shown', asOfShown && asOfShown.includes(asOf),
    String(asOfShown));
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  // One "/Type /Page" object per page ("/Type /Pages" is the page tree).
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
  check('dashboard prints on one or two A4 pages', pages >= 1 && pages <= 2, `${pages} pages`);
  await page.emulateMedia({ media: 'screen' });

  // Any other page: the content alone, across the paper.
  await page.goto(`${env.base}/facilities`);
  await page.emulateMedia({ media: 'print' });
  const other = await page.evaluate(() => {
    const shown = (el) => el.getClientRects().length > 0;
    const bad = [...document.querySelectorAll('nav, button, form.filters, header.site')]
      .filter(shown).map((el) => el.tagName.toLowerCase());
    return { bad: bad.join(', '), main: document.querySelector('main').getBoundingClientRect().width,
      body: document.body.getBoundingClientRect().width };
  });
  check('/facilities in print: no navigation, buttons or filters', other.bad === '', other.bad);
  check('/facilities in print: the content is as wide as the page', other.main >= other.body - 1,
    `main ${other.main} px of ${other.body} px`);
  await page.emulateMedia({ media: 'screen' });
}

// ---- the run ----
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const [role, account] of Object.entries(ROLES)) {
    const rows = PAGES.filter((p) => p.role === role);
    const context = await browser.newContext();
    const page = await context.newPage();
    if (account) await signIn(page, account.email, account.password);
    for (const row of rows) {
      const path = typeof row.path === 'function' ? row.path(fx) : row.path;
      const pending = process.env.SXSH_PAGES_STRICT === '1' ? {} : row.pending ?? {};
      for (const [what, why] of Object.entries(pending))
        console.log(`pending: ${role} ${path}: ${what} not checked: ${why}`);
      for (const w of WIDTHS) {
        const label = `${role} ${path} at ${w.width} px`;
        try {
          await page.setViewportSize({ width: w.width, height: w.height });
          const resp = await page.goto(`${env.base}${path}`);
          const want = row.status ?? 200;
          check(`${label}: status ${want}`, resp.status() === want, String(resp.status()));
          check(`${label}: one <h1>`, await page.locator('h1').count() === 1);
          if (!pending.overflow) await checkOverflow(page, label);
          if (!pending.axe) await checkAxe(page, label);
          if (w.name === 'phone') await checkSkipLink(page, label);
          await checkCharts(page, label, path === '/' || path === '/?lang=en');
        } catch (e) {
          fail(`${label}: ${e && e.stack ? e.stack : e}`);
        }
      }
    }
    if (role === 'public') {
      try {
        await page.setViewportSize({ width: 1366, height: 768 });
        await checkPrint(page);
      } catch (e) {
        fail(e);
      }
    }
    await context.close();
  }
} catch (e) {
  fail(e);
} finally {
  await browser.close();
}
finish();
