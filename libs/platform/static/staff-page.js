// What the services' staff pages (the audit console, the analytics dashboard) share: `el`, which
// puts every value in the page as text, never as markup, and the token section, which keeps the
// bearer token the user gives in the tab's sessionStorage and sends it nowhere itself. Loaded
// before the page's own script, it leaves `window.hirestreamStaffPage`.
'use strict';

(() => {
  /** An element with attributes and children; strings become text nodes, never markup. */
  function el(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes ?? {})) {
      element.setAttribute(name, String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return element;
  }

  const shown = (value) => (typeof value === 'string' ? value : JSON.stringify(value));

  /** Who the token says its holder is (not verified here: the service verifies it). */
  function claimsOf(text) {
    try {
      const payload = text.split('.')[1].replaceAll('-', '+').replaceAll('_', '/');
      return JSON.parse(atob(payload));
    } catch {
      return undefined;
    }
  }

  /** What the status line says of a token that is set. */
  function tokenStatus(token, service) {
    const claims = claimsOf(token);
    if (claims === undefined) {
      return `A token is set (not a JWT this page can read; the ${service} decides).`;
    }
    const roles = Object.values(claims).find((value) => Array.isArray(value));
    return (
      `A token is set: ${shown(claims.sub ?? 'no subject')}` +
      (roles === undefined ? '' : ` (${roles.map(shown).join(', ')})`) +
      (typeof claims.exp === 'number' ? `, until ${new Date(claims.exp * 1000).toISOString()}` : '')
    );
  }

  /**
   * Fills `section` with the token form: `label` names the field, `service` the service that
   * decides, `withoutToken` is the status line while no token is given. The token is kept under
   * `storageKey` in sessionStorage; `changed(token)` runs once one is given or forgotten ('').
   * Returns a function that gives the token now ('' for none).
   */
  function tokenForm({ section, storageKey, label, service, withoutToken, changed }) {
    let token = sessionStorage.getItem(storageKey) ?? '';
    const input = el('input', {
      id: 'token',
      name: 'token',
      type: 'password',
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': 'token-status',
      required: '',
    });
    const forget = el('button', { type: 'button', id: 'forget-token' }, 'Forget token');
    const form = el(
      'form',
      { id: 'token-form' },
      el('label', { for: 'token' }, label),
      input,
      ' ',
      el('button', { type: 'submit' }, 'Use token'),
      ' ',
      forget,
    );
    const status = el('p', { id: 'token-status', class: 'muted', 'aria-live': 'polite' });
    section.setAttribute('aria-labelledby', 'token-heading');
    section.replaceChildren(el('h2', { id: 'token-heading' }, 'Token'), form, status);

    const showStatus = () => {
      status.textContent = token === '' ? withoutToken : tokenStatus(token, service);
    };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      token = input.value.trim().replace(/^Bearer\s+/i, '');
      input.value = '';
      sessionStorage.setItem(storageKey, token);
      showStatus();
      changed(token);
    });
    forget.addEventListener('click', () => {
      token = '';
      sessionStorage.removeItem(storageKey);
      showStatus();
      changed(token);
    });
    showStatus();
    return () => token;
  }

  window.hirestreamStaffPage = { el, tokenForm };
})();
