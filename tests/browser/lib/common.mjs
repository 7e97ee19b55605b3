// What every browser test file shares: the environment set by
// scripts/browser-test.sh, pass/fail counting, signing in and out, and
// accounts made with the sxsh command line on the server's database.
import { execFileSync } from 'node:child_process';

export const env = {
  base: process.env.SXSH_BASE,
  bin: process.env.SXSH_BIN,
  db: process.env.SXSH_DB,
  facility: process.env.SXSH_FACILITY,
  facilityCode: process.env.SXSH_FACILITY_CODE,
  unit: process.env.SXSH_UNIT,
  year: process.env.SXSH_YEAR,
};

let passed = 0;
let failed = 0;

export function check(name, cond, detail) {
  if (cond) {
    passed++;
  } else {
    failed++;
    console.error(`FAIL ${name}${detail !== undefined ? ': ' + detail : ''}`);
  }
}

export function fail(e) {
  failed++;
  console.error(`FAIL ${e && e.stack ? e.stack : e}`);
}

// Prints the file's line for scripts/browser-test.sh and exits.
export function finish() {
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

// Runs `sxsh ARGS… --db SXSH_DB` with input on stdin; returns stdout.
export function sxsh(args, input) {
  return execFileSync(env.bin, [...args, '--db', env.db], {
    input: input ?? '',
    encoding: 'utf8',
  });
}

// Makes an account (role enterprise|district|province|expert|admin) with
// extra CLI options (e.g. ['--facility', id]); returns its password.
export function addUser(role, email, extra = [], password = 'pass word 1') {
  sxsh(['user', 'add', '--role', role, '--email', email, ...extra], `${password}\n`);
  return password;
}

export async function signIn(page, email, password) {
  await page.goto(`${env.base}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await Promise.all([
    page.waitForNavigation(),
    page.click('form:not(.logout) button[type="submit"]'),
  ]);
}

export async function signOut(page) {
  await Promise.all([page.waitForNavigation(), page.click('form.logout button')]);
}

// A facility of its own for a test file: the first active facility with no
// report for the year whose id is not in taken (so files never share one).
// Returns {id, code, unit}.
export function freeFacility(taken = []) {
  const not = taken.length ? `AND f.id NOT IN (${taken.map(Number).join(',')})` : '';
  const out = execFileSync('sqlite3', [env.db, `SELECT f.id, f.code, au.code FROM facility f
    JOIN admin_unit au ON au.id = f.admin_unit_id WHERE f.status = 'active' ${not}
    AND NOT EXISTS (SELECT 1 FROM report r WHERE r.facility_id = f.id AND r.year = ${env.year})
    AND NOT EXISTS (SELECT 1 FROM app_user u WHERE u.facility_id = f.id)
    ORDER BY f.id DESC LIMIT 1`]).toString().trim();
  const [id, code, unit] = out.split('|');
  return { id, code, unit };
}
