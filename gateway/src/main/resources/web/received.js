// Received faxes (admins): the list with each fax's first page, and one fax with every page, the
// route it took, the state of its mails, its T.30 ladder and the PDF.

import { get, post, url, ApiError } from './api.js';
import { h, replace, table, facts, when, pick, bytes } from './dom.js';
import { thumbnails, ladder } from './jobs.js';

const faxId = (r) => pick(r, 'id', 'commId');

/** A value that may be a string, a list or a small object as one line of text. */
export function text(v) {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.map(text).join(', ');
  if (typeof v === 'object') {
    return Object.entries(v)
      .filter(([, x]) => x !== '' && x !== null && x !== undefined)
      .map(([k, x]) => `${k}: ${text(x)}`)
      .join('; ');
  }
  return String(v);
}

const MAIL_STATE = { waiting: 'Waiting in the outbox', left: 'Left the outbox' };

export function receivedListView() {
  const body = h('div', { 'aria-busy': 'true' });
  const root = h('section', { 'aria-labelledby': 'recv-title' }, h('h2', { id: 'recv-title' }, 'Received faxes'), body);
  async function load() {
    const data = await get('/received?limit=100');
    const list = Array.isArray(data) ? data : data.received || [];
    const link = (r, content) => h('a', { href: `#/received/${encodeURIComponent(faxId(r))}` }, content);
    replace(
      body,
      table(
        'Received faxes, newest first',
        [
          {
            label: 'First page',
            cell: (r) =>
              pick(r, 'pages') > 0
                ? link(r, h('img', { class: 'thumb small', src: url(`/received/${encodeURIComponent(faxId(r))}/pages/1.png?w=120`), alt: `First page of fax ${faxId(r)}`, width: 86, height: 122, decoding: 'async' }))
                : '',
          },
          { label: 'Fax', cell: (r) => link(r, String(faxId(r))) },
          { label: 'From', cell: (r) => pick(r, 'sender', 'callerNumber') || '' },
          { label: 'To', cell: (r) => pick(r, 'did') || '' },
          { label: 'Pages', cell: (r) => (pick(r, 'pages') >= 0 ? String(r.pages) : '?') },
          { label: 'Received', cell: (r) => when(pick(r, 'received')) },
          { label: 'Problem', cell: (r) => r.error || '' },
        ],
        list,
        'No received faxes.',
        (r) => ({ 'data-fax-id': faxId(r) })
      )
    );
    body.removeAttribute('aria-busy');
  }
  return { node: root, load, onEvent: (type) => (type === 'received' ? 'reload' : null) };
}

function route(r) {
  const rt = r.route;
  if (!rt || typeof rt !== 'object') return text(rt);
  const to = text(rt.to);
  return [rt.rule ? `rule ${rt.rule}` : 'no rule matched', rt.action, to ? `to ${to}` : ''].filter(Boolean).join(' → ');
}

function mails(list) {
  return table(
    'Mails of this fax',
    [
      { label: 'Mail', cell: (m) => String(m.id ?? '') },
      { label: 'State', cell: (m) => h('span', { 'data-mail-state': m.state || '' }, MAIL_STATE[m.state] || text(m.state)) },
      { label: 'To', cell: (m) => text(m.recipients) },
      { label: 'Attempts', cell: (m) => (m.attempts === null || m.attempts === undefined ? '' : String(m.attempts)) },
      { label: 'Next try', cell: (m) => when(m.nextTry) },
      { label: 'Last error', cell: (m) => m.lastError || '' },
    ],
    list,
    'No mail was made for this fax.'
  );
}

export function receivedView(session, id, say) {
  const head = h('div');
  const mailBox = h('div');
  const pagesBox = h('div');
  const ladderBox = h('div');
  let shownPages = -1;
  const enc = encodeURIComponent(id);
  const pdfLink = h('a', { href: url(`/received/${enc}.pdf`), download: `fax${id}.pdf`, id: 'pdf-link', class: 'button' }, 'Download PDF');
  const tiffLink = h('a', { href: url(`/received/${enc}.tif`), download: `fax${id}.tif`, class: 'button' }, 'Download TIFF');
  const redeliver = h('button', { type: 'button', onclick: async () => {
    try {
      await post(`/received/${enc}/redeliver`);
      say(`Fax ${id}: mailed again.`);
      await load();
    } catch (e) {
      say(`Fax ${id}: could not mail again: ${e.message}`, true);
    }
  } }, 'Mail again');
  const root = h(
    'section',
    { 'aria-labelledby': 'fax-title', 'data-fax-id': id },
    h('p', {}, h('a', { href: '#/received' }, '← Received faxes')),
    h('h2', { id: 'fax-title' }, `Fax ${id}`),
    head,
    h('div', { class: 'actions', role: 'group', 'aria-label': 'Fax actions' }, pdfLink, tiffLink, redeliver),
    h('h3', {}, 'Mail delivery'),
    mailBox,
    h('h3', {}, 'Pages'),
    pagesBox,
    ladderBox
  );
  async function load() {
    let r;
    try {
      r = await get(`/received/${enc}`);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 403)) {
        replace(root, h('h2', {}, `Fax ${id}`), h('p', { class: 'error', role: 'alert', 'data-not-found': '' }, 'No such fax.'));
        return;
      }
      throw e;
    }
    replace(
      head,
      facts([
        ['From', pick(r, 'sender')],
        ['Caller', pick(r, 'callerNumber')],
        ['Called number', pick(r, 'did')],
        ['Received', when(pick(r, 'received'))],
        ['Pages', pick(r, 'pages')],
        ['Size', bytes(r.size)],
        ['Route', route(r)],
        ['Problem', r.error],
      ])
    );
    replace(mailBox, mails(r.mails || []));
    const pages = pick(r, 'thumbnails') ?? Math.max(0, pick(r, 'pages') || 0);
    if (pages !== shownPages) {
      shownPages = pages;
      replace(pagesBox, thumbnails(`/received/${enc}/pages`, pages, 'No pages.'));
    }
    replace(ladderBox, (r.ladder || []).length ? [h('h3', {}, 'The call'), ladder(r.ladder)] : '');
  }
  return {
    node: root,
    load,
    onEvent: (type, data) => {
      if (type !== 'received') return null;
      const evId = pick(data, 'id', 'commId');
      return evId === undefined || String(evId) === String(id) ? 'reload' : null;
    },
  };
}
