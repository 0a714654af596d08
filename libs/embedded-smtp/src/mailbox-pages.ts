import type { MailboxMessage } from './mailbox-message';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** The mailbox's own pages: no script, inline style only, frames from itself only. */
export const PAGE_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'";

/**
 * A message's HTML body, shown in an iframe: a sandbox without scripts, forms
 * or same-origin rights, and nothing loaded from elsewhere (no tracking pixel
 * reaches out from a developer's browser).
 */
export const MESSAGE_BODY_SECURITY_POLICY =
  "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `body{font:14px system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f4f4f4}pre{white-space:pre-wrap;background:#f8f8f8;padding:1em;border:1px solid #ddd}
iframe{width:100%;height:480px;border:1px solid #ddd}.muted{color:#777}dt{font-weight:bold}dd{margin:0 0 .5em 0}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

export type MailboxFilter = Readonly<{ candidate?: string; to?: string }>;

export function matchesFilter(message: MailboxMessage, filter: MailboxFilter): boolean {
  if (filter.candidate !== undefined && message.candidateId !== filter.candidate) return false;
  if (
    filter.to !== undefined &&
    !message.to.some((address) => address.toLowerCase() === filter.to?.toLowerCase())
  ) {
    return false;
  }
  return true;
}

function filterQuery(filter: MailboxFilter): string {
  const query = new URLSearchParams();
  if (filter.candidate !== undefined) query.set('candidate', filter.candidate);
  if (filter.to !== undefined) query.set('to', filter.to);
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}

/** The list, newest first, optionally of one candidate or one recipient. */
export function listPage(messages: readonly MailboxMessage[], filter: MailboxFilter): string {
  const shown = messages.filter((message) => matchesFilter(message, filter)).reverse();
  const rows = shown.map((message) => {
    const candidate =
      message.candidateId === null
        ? '<span class="muted">none</span>'
        : `<a href="/${escapeHtml(filterQuery({ candidate: message.candidateId }))}">${escapeHtml(message.candidateId)}</a>`;
    const recipients = message.to
      .map(
        (address) =>
          `<a href="/${escapeHtml(filterQuery({ to: address }))}">${escapeHtml(address)}</a>`,
      )
      .join(', ');
    return `<tr class="message"><td>${message.sequence}</td><td>${escapeHtml(message.receivedAt)}</td><td>${recipients}</td><td><a href="/messages/${message.sequence}">${escapeHtml(message.subject || '(no subject)')}</a></td><td>${escapeHtml(message.kind ?? '')}</td><td>${candidate}</td><td>${message.attachments.length}</td></tr>`;
  });
  const scope =
    filter.candidate !== undefined
      ? `of candidate ${escapeHtml(filter.candidate)}`
      : filter.to !== undefined
        ? `to ${escapeHtml(filter.to)}`
        : 'received';
  const showAll =
    filter.candidate !== undefined || filter.to !== undefined
      ? ' · <a href="/">all messages</a>'
      : '';
  return page(
    'hirestream mailbox',
    `<h1>Mailbox</h1><p class="muted">${shown.length} message(s) ${scope}${showAll} · <a href="/api/messages${escapeHtml(filterQuery(filter))}">JSON</a></p>
<table><thead><tr><th>#</th><th>received</th><th>to</th><th>subject</th><th>kind</th><th>candidate</th><th>attachments</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
  );
}

/** One message: its headers, attachments, plain text, and HTML in a sandboxed frame. */
export function messagePage(message: MailboxMessage): string {
  const attachments = message.attachments
    .map(
      (attachment, index) =>
        `<li><a href="/messages/${message.sequence}/attachments/${index}">${escapeHtml(attachment.filename)}</a> <span class="muted">${escapeHtml(attachment.contentType)}, ${attachment.size} bytes</span></li>`,
    )
    .join('');
  const html =
    message.html === null
      ? '<p class="muted">No HTML part.</p>'
      : `<iframe sandbox title="HTML body" src="/messages/${message.sequence}/html"></iframe>`;
  const candidate =
    message.candidateId === null
      ? ''
      : `<dt>candidate</dt><dd><a href="/${escapeHtml(filterQuery({ candidate: message.candidateId }))}">${escapeHtml(message.candidateId)}</a></dd>`;
  return page(
    message.subject || '(no subject)',
    `<p><a href="/">← mailbox</a></p><h1 class="subject">${escapeHtml(message.subject || '(no subject)')}</h1>
<dl><dt>from</dt><dd>${escapeHtml(message.from)}</dd><dt>to</dt><dd>${escapeHtml(message.to.join(', '))}</dd><dt>received</dt><dd>${escapeHtml(message.receivedAt)}</dd><dt>kind</dt><dd>${escapeHtml(message.kind ?? '')}</dd>${candidate}</dl>
<h2>Attachments</h2>${attachments === '' ? '<p class="muted">None.</p>' : `<ul class="attachments">${attachments}</ul>`}
<h2>Text</h2><pre class="text">${escapeHtml(message.text)}</pre><h2>HTML</h2>${html}`,
  );
}

export function notFoundPage(what: string): string {
  return page(
    'not found',
    `<p><a href="/">← mailbox</a></p><h1>Not found</h1><p>${escapeHtml(what)}</p>`,
  );
}
