// autosave: keeps what a person types into a document form (the annual
// report, the CP registration) as a draft on the server while they work
// (src/web/drafts.c), so that nothing typed is lost to a closed tab, a
// crash or an expired session.
//
// Every change schedules a post of the whole form (FormData, urlencoded,
// with the form's own CSRF token) to /drafts + the form's path, at most
// once every SAVE_EVERY_MS, and once more when the page is hidden.  The
// answer's text ("Đã lưu tạm lúc HH:MM") goes into a small status line.
//
// When the session has expired (401), the line says so, with a link that
// signs in in a new tab; the values stay on this page and are kept in
// sessionStorage too.  When the page is shown again the script asks
// /api/v1/session for the new session's CSRF token, puts it into the
// page's forms and saves.  Pressing the form's own button while signed out
// is safe as well: the server keeps the form and signs in in place.
// If the person instead left this page while signed out, the values kept
// in sessionStorage are put back into the form the next time it opens in
// this tab.
//
// Without scripts none of this runs; the form's own submit still stores
// the draft on the server first.

const SAVE_EVERY_MS = 5000;
const FORM_PATH = /^\/facilities\/\d+\/(report|registration)\/\d+$/;

const en = document.documentElement.lang === 'en';
const t = (vi, enText) => (en ? enText : vi);

function formPath(form) {
  const action = form.getAttribute('action');
  if (action === null) return null;
  const url = new URL(action, window.location.href);
  if (url.origin !== window.location.origin || !FORM_PATH.test(url.pathname)) return null;
  return url;
}

function storageKey(url) {
  return `sxsh-draft:${url.pathname}`;
}

function formBody(form) {
  return new URLSearchParams(new FormData(form));
}

// Puts the values of params into the form's fields of the same name.
function refill(form, params) {
  let n = 0;
  for (const [name, value] of params) {
    if (name === 'csrf') continue;
    const field = form.elements.namedItem(name);
    if (field === null || field instanceof RadioNodeList) continue;
    if (field.type === 'hidden' || field.type === 'submit') continue;
    if (field.value !== value) {
      field.value = value;
      n++;
    }
  }
  return n;
}

function setup(form, url) {
  const draftUrl = `/drafts${url.pathname}${url.search}`;
  const status = document.createElement('p');
  status.className = 'autosave-status';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  const actions = form.querySelector('.actions');
  if (actions !== null) actions.before(status);
  else form.append(status);

  let dirty = false;
  let timer = null;
  let last = 0;
  let expired = false;
  let inFlight = false;
  let refilled = ''; // said before the first draft kept after a refill

  function say(text, problem) {
    status.replaceChildren(text);
    status.classList.toggle('autosave-problem', problem === true);
  }

  function keepInTab() {
    try {
      sessionStorage.setItem(storageKey(url), formBody(form).toString());
    } catch (e) {
      // Storage may be full or off: the values are still on the page.
    }
  }

  function showExpired() {
    expired = true;
    keepInTab();
    const link = document.createElement('a');
    link.href = `/login${en ? '?lang=en' : ''}`;
    link.target = '_blank';
    link.rel = 'noopener';
    link.textContent = t('Đăng nhập lại trong thẻ mới', 'Sign in again in a new tab');
    status.replaceChildren(
      t(
        'Phiên đăng nhập đã hết hạn nên chưa lưu tạm được. Những gì bạn nhập vẫn còn trên trang này. ',
        'Your session has expired, so nothing could be kept as a draft. What you typed is still on this page. ',
      ),
      link,
      t(
        ', rồi quay lại thẻ này: nội dung sẽ được lưu tiếp. Bấm nút lưu của biểu mẫu cũng an toàn: bạn sẽ đăng nhập ngay tại chỗ mà không mất dữ liệu.',
        ', then come back to this tab and saving goes on. Pressing the form\'s save button is safe too: you sign in in place and lose nothing.',
      ),
    );
    status.classList.add('autosave-problem');
    status.setAttribute('role', 'alert');
  }

  // After signing in elsewhere: the new session's CSRF token into every form.
  async function refreshSession() {
    try {
      const r = await fetch('/api/v1/session', {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      });
      if (!r.ok) return false;
      const s = await r.json();
      if (typeof s.csrf_token !== 'string' || s.csrf_token === '') return false;
      for (const input of document.querySelectorAll('input[name="csrf"]')) {
        input.value = s.csrf_token;
      }
      return true;
    } catch (e) {
      return false;
    }
  }

  async function save(keepalive) {
    timer = null;
    if (!dirty || inFlight) return;
    dirty = false;
    inFlight = true;
    last = Date.now();
    try {
      const r = await fetch(draftUrl, {
        method: 'POST',
        headers: { Accept: 'application/json' },
        body: formBody(form),
        credentials: 'same-origin',
        keepalive: keepalive === true,
      });
      if (r.ok) {
        expired = false;
        status.setAttribute('role', 'status');
        say(refilled + (await r.text()), false);
        refilled = '';
        try {
          sessionStorage.removeItem(storageKey(url));
        } catch (e) {
          // Nothing to remove.
        }
      } else if (r.status === 401 || r.status === 403) {
        dirty = true;
        // 403: signed in again meanwhile, with a new CSRF token.
        if (r.status === 403 && !expired && (await refreshSession())) {
          inFlight = false;
          return save(keepalive);
        }
        showExpired();
      } else {
        dirty = true;
        say(t('Chưa lưu tạm được; sẽ thử lại.', 'Could not keep a draft; will try again.'), true);
      }
    } catch (e) {
      dirty = true;
      say(t('Mất kết nối; sẽ thử lại.', 'Connection lost; will try again.'), true);
    } finally {
      inFlight = false;
    }
  }

  function schedule() {
    dirty = true;
    if (expired) keepInTab(); // signed out: this tab keeps what is typed meanwhile
    if (expired || timer !== null) return;
    timer = setTimeout(save, Math.max(0, last + SAVE_EVERY_MS - Date.now()));
  }

  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
  form.addEventListener('submit', () => {
    // The submit stores the draft itself; nothing is left to keep here.
    dirty = false;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    try {
      sessionStorage.removeItem(storageKey(url));
    } catch (e) {
      // Nothing to remove.
    }
  });
  document.addEventListener('visibilitychange', async () => {
    if (document.visibilityState === 'hidden') {
      if (dirty && !expired) save(true);
      return;
    }
    if (expired && (await refreshSession())) {
      expired = false;
      status.setAttribute('role', 'status');
      say(t('Đã đăng nhập lại; đang lưu tạm…', 'Signed in again; keeping a draft…'), false);
      dirty = true;
      save(false);
    }
  });
  window.addEventListener('pagehide', () => {
    if (dirty && !expired) save(true);
  });

  // Values this tab kept when it was left while signed out.
  let kept = null;
  try {
    kept = sessionStorage.getItem(storageKey(url));
  } catch (e) {
    kept = null;
  }
  if (kept !== null) {
    try {
      sessionStorage.removeItem(storageKey(url));
    } catch (e) {
      // Nothing to remove.
    }
    if (refill(form, new URLSearchParams(kept)) > 0) {
      refilled = t(
        'Đã điền lại nội dung bạn nhập trong thẻ này khi phiên đăng nhập đã hết hạn; chưa được lưu. ',
        'Filled in again what you typed in this tab while the session had expired; not saved yet. ',
      );
      say(refilled, false);
      schedule();
    }
  }
}

for (const form of document.querySelectorAll('form[method="post"]')) {
  const url = formPath(form);
  if (url !== null && form.querySelector('input[name="csrf"]') !== null) setup(form, url);
}

export {};
