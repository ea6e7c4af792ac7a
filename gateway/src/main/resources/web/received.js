// Received faxes: the list (first page, sender, route, mail delivery) and one fax (every page, PDF).

import { get, post, url, ApiError } from './api.js';
import { h, replace, table, facts, when, pick } from './dom.js';
import { thumbnails } from './jobs.js';

const faxId = (r) => pick(r, 'id', 'commId');

/** A value that may be a string or a small object ({rule, to}, {state, error}) as one line of text. */
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

function delivery(r) {
  const d = pick(r, 'delivery', 'mail', 'deliveryState');
  const isObj = d && typeof d === 'object' && !Array.isArray(d);
  const state = isObj ? d.state : d;
  const rest = isObj ? text(Object.fromEntries(Object.entries(d).filter(([k]) => k !== 'state'))) : '';
  return h(
    'span',
    { class: `delivery delivery-${state || 'unknown'}`, 'data-delivery': state || '' },
    text(state) || 'unknown',
    rest ? h('span', { class: 'status' }, rest) : ''
  );
}

export function receivedListView() {
  const body = h('div', { 'aria-busy': 'true' });
  const root = h('section', { 'aria-labelledby': 'recv-title' }, h('h2', { id: 'recv-title' }, 'Received faxes'), body);
  async function load() {
    const data = await get('/received');
    const list = Array.isArray(data) ? data : data.received || data.faxes || [];
    replace(
      body,
      table(
        'Received faxes',
        [
          { label: 'First page', cell: (r) => (pick(r, 'pages') > 0 ? h('a', { href: `#/received/${faxId(r)}` }, h('img', { class: 'thumb small', src: url(`/received/${encodeURIComponent(faxId(r))}/pages/1.png`), alt: `First page of fax ${faxId(r)}`, width: 86, height: 122, decoding: 'async' })) : '') },
          { label: 'Fax', cell: (r) => h('a', { href: `#/received/${faxId(r)}` }, String(faxId(r))) },
          { label: 'From', cell: (r) => pick(r, 'sender', 'tsi', 'callerNumber') || '' },
          { label: 'To', cell: (r) => pick(r, 'did') || '' },
          { label: 'Pages', cell: (r) => String(pick(r, 'pages') ?? '') },
          { label: 'Received', cell: (r) => when(pick(r, 'received', 'time')) },
          { label: 'Route', cell: (r) => text(pick(r, 'route')) },
          { label: 'Mail', cell: delivery },
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

export function receivedView(session, id, say) {
  const head = h('div');
  const pagesBox = h('div');
  let shownPages = -1;
  const pdfLink = h('a', { href: url(`/received/${encodeURIComponent(id)}.pdf`), download: `fax${id}.pdf`, id: 'pdf-link', class: 'button' }, 'Download PDF');
  const redeliver = h('button', { type: 'button', onclick: async () => {
    try {
      await post(`/received/${encodeURIComponent(id)}/redeliver`);
      say(`Fax ${id}: delivery queued again.`);
      await load();
    } catch (e) {
      say(`Fax ${id}: re-delivery failed: ${e.message}`, true);
    }
  } }, 'Deliver again');
  const root = h(
    'section',
    { 'aria-labelledby': 'fax-title', 'data-fax-id': id },
    h('p', {}, h('a', { href: '#/received' }, '← Received faxes')),
    h('h2', { id: 'fax-title' }, `Fax ${id}`),
    head,
    h('div', { class: 'actions', role: 'group', 'aria-label': 'Fax actions' }, pdfLink, session.role === 'admin' && redeliver),
    h('h3', {}, 'Pages'),
    pagesBox
  );
  async function load() {
    let r;
    try {
      r = await get(`/received/${encodeURIComponent(id)}`);
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
        ['From', pick(r, 'sender', 'tsi')],
        ['Caller', [pick(r, 'callerNumber'), pick(r, 'callerName') ? ` (${r.callerName})` : ''].join('')],
        ['Called number', pick(r, 'did')],
        ['Received', when(pick(r, 'received', 'time'))],
        ['Pages', pick(r, 'pages')],
        ['Signal rate', r.signalRate ? `${r.signalRate} bit/s` : ''],
        ['Route', text(pick(r, 'route'))],
        ['Mail', delivery(r)],
        ['Error', r.error],
      ])
    );
    const pages = pick(r, 'pages') || 0;
    if (pages !== shownPages) {
      shownPages = pages;
      replace(pagesBox, thumbnails(`/received/${encodeURIComponent(id)}/pages`, pages, 'No pages.'));
    }
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
