// Progressive enhancement of the web app's forms. Every page works without
// it; with it, a form is sent in the background and an error is shown next to
// the form, keeping everything typed (a failing request never loses work or
// the session). Event delegation: content swapped in later works the same.

const parser = new DOMParser();

function errorBox(form) {
  let box = form.querySelector(':scope > .form-error');
  if (!box) {
    box = document.createElement('div');
    box.className = 'form-error';
    box.setAttribute('role', 'alert');
    box.tabIndex = -1;
    form.prepend(box);
  }
  return box;
}

function showError(form, message) {
  const box = errorBox(form);
  box.textContent = message;
  box.hidden = false;
  box.focus();
}

/** Replaces the page's main content and title with the answer's, as a navigation would. */
export function swapPage(doc, url, push) {
  const main = doc.querySelector('main');
  if (!main) return false;
  document.querySelector('main').replaceWith(document.importNode(main, true));
  document.title = doc.title;
  const csrf = doc.body.dataset.csrf;
  if (csrf) document.body.dataset.csrf = csrf;
  if (push && url && url !== location.href) history.pushState({ vigil: true }, '', url);
  document.dispatchEvent(new CustomEvent('vigil:swap'));
  const focus = document.querySelector('main [autofocus], main .flash, main h1');
  if (focus) {
    if (!focus.hasAttribute('tabindex') && focus.tagName === 'H1') focus.setAttribute('tabindex', '-1');
    focus.focus();
  }
  return true;
}

async function submit(form, submitter) {
  const body = new URLSearchParams(new FormData(form, submitter));
  const buttons = form.querySelectorAll('button, input[type=submit]');
  buttons.forEach((b) => (b.disabled = true));
  form.setAttribute('aria-busy', 'true');
  try {
    const res = await fetch(form.action, {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': document.body.dataset.csrf ?? '' },
    });
    const text = await res.text();
    const doc = parser.parseFromString(text, 'text/html');
    if (res.ok) {
      // A sign-in or sign-out changes the frame itself: load it whole.
      if (form.dataset.reload !== undefined || !swapPage(doc, res.url, true)) location.assign(res.url);
      return;
    }
    // The server re-rendered the form with its field errors: show that form, filled in as sent.
    if (doc.querySelector('main [data-form-result]')) {
      swapPage(doc, null, false);
      return;
    }
    const message = doc.querySelector('[role=alert]')?.textContent?.trim() || `the server answered ${res.status}`;
    showError(form, message);
  } catch {
    showError(form, 'Vigil could not be reached. Nothing was lost: what you typed is still here; try again.');
  } finally {
    buttons.forEach((b) => (b.disabled = false));
    form.removeAttribute('aria-busy');
  }
}

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== 'post' || form.dataset.native !== undefined) return;
  const submitter = event.submitter;
  const question = submitter?.dataset.confirm ?? form.dataset.confirm;
  event.preventDefault();
  if (question && !window.confirm(question)) return;
  void submit(form, submitter);
});

window.addEventListener('popstate', () => location.reload());
