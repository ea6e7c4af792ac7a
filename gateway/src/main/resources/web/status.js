// The fax lines (what each is doing now) and the mail outbox (what waits to be delivered).

import { get } from './api.js';
import { h, replace, table, when, pick } from './dom.js';
import { text } from './received.js';

export function linesView() {
  const body = h('div', { 'aria-busy': 'true' });
  const root = h('section', { 'aria-labelledby': 'lines-title' }, h('h2', { id: 'lines-title' }, 'Fax lines'), body);
  async function load() {
    const data = await get('/lines');
    const lines = Array.isArray(data) ? data : data.lines || [];
    replace(
      body,
      table(
        'Fax lines',
        [
          // the gateway node the line belongs to ("not answering": its heartbeat is over 30 s old)
          { label: 'Node', cell: (l) => (l.node || '') + (l.nodeStale ? ' (not answering)' : ''), cls: 'node' },
          { label: 'Line', cell: (l) => l.name || '' },
          { label: 'Peer', cell: (l) => text(l.peer) },
          { label: 'Our number', cell: (l) => l.localId || '' },
          { label: 'Direction', cell: (l) => l.direction || '' },
          { label: 'Now', cell: (l) => h('span', { class: 'line-state' }, text(pick(l, 'state', 'doing'))) },
          { label: 'Job', cell: (l) => (pick(l, 'job', 'jobId') ? h('a', { href: `#/jobs/${pick(l, 'job', 'jobId')}` }, String(pick(l, 'job', 'jobId'))) : '') },
        ],
        lines,
        'No fax line is configured (see iax2 in faxgw.yaml): jobs wait for a fax line.',
        (l) => ({ 'data-line': l.name || '', 'data-node': l.node || '' })
      )
    );
    body.removeAttribute('aria-busy');
  }
  return { node: root, load, onEvent: (type) => (type === 'line' ? 'reload' : null) };
}

export function outboxView() {
  const body = h('div', { 'aria-busy': 'true' });
  const root = h('section', { 'aria-labelledby': 'outbox-title' }, h('h2', { id: 'outbox-title' }, 'Mail outbox'), body);
  async function load() {
    const data = await get('/outbox');
    const mails = Array.isArray(data) ? data : data.mails || data.outbox || data.entries || [];
    const transport = pick(data, 'transport');
    replace(
      body,
      h('p', {}, `${mails.length} mail(s) waiting`, transport ? ` for ${text(transport)}` : '', '.'),
      table(
        'Mails waiting for delivery',
        [
          { label: 'Mail', cell: (m) => String(pick(m, 'id', 'name', 'file') ?? '') },
          { label: 'To', cell: (m) => text(pick(m, 'to', 'recipients')) },
          { label: 'Attempts', cell: (m) => String(pick(m, 'attempts', 'tries') ?? '') },
          { label: 'Next try', cell: (m) => when(pick(m, 'nextTry', 'nextAttempt')) },
          { label: 'Last error', cell: (m) => pick(m, 'lastError', 'error') || '' },
        ],
        mails,
        'The outbox is empty: every mail was delivered.'
      )
    );
    body.removeAttribute('aria-busy');
  }
  // mails leave the outbox as faxes are received and delivered
  return { node: root, load, onEvent: (type) => (type === 'received' ? 'reload' : null) };
}
