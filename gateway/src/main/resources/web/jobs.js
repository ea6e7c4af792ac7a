// The send queue, one job's detail (pages, call attempts, T.30 ladder) and the send form.

import { get, post, url, ApiError } from './api.js';
import { h, replace, table, facts, when, pick } from './dom.js';

const PAGE_SIZE = 50;

/** The words for a job state (the API's lower-case labels, HylaFAX's states plus rendering). */
export const STATE_TEXT = {
  rendering: 'Rendering',
  pending: 'Pending',
  sleeping: 'Waiting to retry',
  blocked: 'Blocked',
  ready: 'Ready',
  active: 'Sending',
  done: 'Sent',
  failed: 'Failed',
};

const jobId = (j) => pick(j, 'id', 'jid');

function stateBadge(j) {
  const s = j.state || '';
  return h('span', { class: `state state-${s}`, 'data-state': s }, STATE_TEXT[s] || s);
}

function progress(j) {
  const pages = pick(j, 'pages') || 0;
  const sent = pick(j, 'pagesSent') || 0;
  if (!pages) return j.state === 'rendering' ? 'rendering…' : '';
  return h(
    'span',
    { class: 'progress' },
    h('progress', { max: pages, value: sent, 'aria-label': `${sent} of ${pages} pages sent` }),
    ` ${sent}/${pages}`
  );
}

function tries(j) {
  const t = pick(j, 'tries') ?? 0;
  const max = pick(j, 'maxTries');
  return max ? `${t}/${max}` : String(t);
}

/** The queue: filters, a page of jobs, paging. */
export function queueView(session, params) {
  const state = params.get('state') || '';
  const owner = params.get('owner') || '';
  const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
  const body = h('div', { 'aria-busy': 'true' });
  const filters = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter jobs', onsubmit: (e) => {
      e.preventDefault();
      const f = new FormData(e.target);
      const q = new URLSearchParams();
      if (f.get('state')) q.set('state', f.get('state'));
      if (f.get('owner')) q.set('owner', f.get('owner'));
      location.hash = `#/queue${q.toString() ? '?' + q : ''}`;
    } },
    h('label', { for: 'f-state' }, 'State'),
    h(
      'select',
      { id: 'f-state', name: 'state' },
      h('option', { value: '' }, 'Any'),
      Object.entries(STATE_TEXT).map(([v, t]) => h('option', { value: v, selected: v === state }, t))
    ),
    session.role === 'admin' && [
      h('label', { for: 'f-owner' }, 'Owner'),
      h('input', { id: 'f-owner', name: 'owner', value: owner, size: 12 }),
    ],
    h('button', { type: 'submit' }, 'Show')
  );
  const root = h('section', { 'aria-labelledby': 'queue-title' }, h('h2', { id: 'queue-title' }, 'Queue'), filters, body);

  async function load() {
    const q = new URLSearchParams({ limit: PAGE_SIZE, offset });
    if (state) q.set('state', state);
    if (owner) q.set('owner', owner);
    const data = await get(`/jobs?${q}`);
    const jobs = data.jobs || [];
    const total = pick(data, 'total') ?? jobs.length;
    const cols = [
      { label: 'Job', cell: (j) => h('a', { href: `#/jobs/${jobId(j)}` }, String(jobId(j))) },
      { label: 'Number', cell: (j) => j.number || '' },
      session.role === 'admin' && { label: 'Owner', cell: (j) => j.owner || '' },
      { label: 'State', cell: (j) => [stateBadge(j), j.status ? h('span', { class: 'status' }, j.status) : ''] },
      // the gateway node calling the job now (several nodes on one database), empty otherwise
      { label: 'Node', cell: (j) => j.node || '', cls: 'node' },
      { label: 'Progress', cell: progress },
      { label: 'Pages', cell: (j) => String(pick(j, 'pages') ?? '') },
      { label: 'Tries', cell: tries },
      { label: 'Next try', cell: (j) => when(pick(j, 'nextTry', 'timeToSend')) },
      { label: 'Created', cell: (j) => when(pick(j, 'created', 'submitted')) },
    ].filter(Boolean);
    const pager = h(
      'nav',
      { class: 'pager', 'aria-label': 'Pages of the queue' },
      offset > 0 && h('a', { href: hashWith(params, Math.max(0, offset - PAGE_SIZE)) }, '← Newer'),
      h('span', {}, total ? `${offset + 1}–${Math.min(offset + jobs.length, total)} of ${total}` : ''),
      offset + jobs.length < total && h('a', { href: hashWith(params, offset + PAGE_SIZE) }, 'Older →')
    );
    replace(
      body,
      table('Jobs', cols, jobs, 'No jobs.', (j) => ({ 'data-job-id': jobId(j), 'data-state': j.state })),
      pager
    );
    body.removeAttribute('aria-busy');
  }

  return {
    node: root,
    load,
    onEvent: (type) => (type === 'job' ? 'reload' : null),
  };
}

function hashWith(params, offset) {
  const q = new URLSearchParams(params);
  q.set('offset', offset);
  return `#/queue?${q}`;
}

/** One job: facts, actions, one thumbnail per rendered page, the call attempts and their ladders. */
export function jobView(session, id, say) {
  const head = h('div');
  const pagesBox = h('div');
  const attemptsBox = h('div');
  let shownPages = -1;
  let job = null;
  const resubmitNumber = h('input', { id: 'resubmit-number', name: 'number', type: 'tel', required: true, autocomplete: 'off' });
  const buttons = {
    cancel: h('button', { type: 'button', 'data-action': 'cancel', onclick: () => act('cancel') }, 'Cancel job'),
    retry: h('button', { type: 'button', 'data-action': 'retry', onclick: () => act('retry') }, 'Retry now'),
  };
  const resubmit = h(
    'form',
    { class: 'inline', onsubmit: (e) => {
      e.preventDefault();
      act('resubmit', { number: resubmitNumber.value.trim() });
    } },
    h('label', { for: 'resubmit-number' }, 'Resubmit to number'),
    resubmitNumber,
    h('button', { type: 'submit' }, 'Resubmit')
  );
  const actions = h('div', { class: 'actions', role: 'group', 'aria-label': 'Job actions' }, buttons.cancel, buttons.retry, resubmit);
  const root = h(
    'section',
    { 'aria-labelledby': 'job-title', 'data-job-id': id },
    h('p', {}, h('a', { href: '#/queue' }, '← Queue')),
    h('h2', { id: 'job-title' }, `Job ${id}`),
    head,
    actions,
    h('h3', {}, 'Pages'),
    pagesBox,
    h('h3', {}, 'Call attempts'),
    attemptsBox
  );

  async function act(what, body) {
    try {
      const r = await post(`/jobs/${encodeURIComponent(id)}/${what}`, body);
      const newId = r && pick(r, 'id', 'jid');
      if (what === 'resubmit' && newId !== undefined && String(newId) !== String(id)) {
        say(`Resubmitted as job ${newId}.`);
        location.hash = `#/jobs/${newId}`;
        return;
      }
      say(`Job ${id}: ${what} done.`);
      await load();
    } catch (e) {
      say(`Job ${id}: ${what} failed: ${e.message}`, true);
    }
  }

  async function load() {
    try {
      job = await get(`/jobs/${encodeURIComponent(id)}`);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 403)) {
        replace(root, h('h2', {}, `Job ${id}`), h('p', { class: 'error', role: 'alert', 'data-not-found': '' }, 'No such job.'));
        return;
      }
      throw e;
    }
    root.setAttribute('data-state', job.state || '');
    replace(
      head,
      facts([
        ['State', [stateBadge(job), job.status ? h('span', { class: 'status' }, ` ${job.status}`) : '']],
        ['Number', job.number],
        ['Owner', job.owner],
        ['Progress', progress(job)],
        ['Pages', pick(job, 'pages')],
        ['Tries', tries(job)],
        ['Dials', pick(job, 'dials')],
        ['Next try', when(pick(job, 'nextTry', 'timeToSend'))],
        ['Created', when(pick(job, 'created', 'submitted'))],
        ['Subject', job.subject],
        ['Last call', job.reason],
        ['Not faxed', (job.unfaxable || []).join('; ')],
      ])
    );
    const terminal = job.state === 'done' || job.state === 'failed';
    buttons.cancel.disabled = terminal;
    buttons.retry.disabled = !(job.state === 'sleeping' || job.state === 'failed' || job.state === 'pending');
    // the API says how many page images it has ("thumbnails": 0 until the job is rendered)
    const pages = pick(job, 'thumbnails') ?? (job.state === 'rendering' ? 0 : pick(job, 'pages') || 0);
    if (pages !== shownPages) {
      shownPages = pages;
      replace(pagesBox, thumbnails(`/jobs/${encodeURIComponent(id)}/pages`, pages, job.state === 'rendering' ? 'Rendering the pages…' : 'No pages.'));
    }
    replace(attemptsBox, attempts(job.attempts || []));
  }

  return {
    node: root,
    load,
    onEvent: (type, data) => {
      if (type !== 'job') return null;
      const evId = pick(data, 'id', 'jid');
      return evId === undefined || String(evId) === String(id) ? 'reload' : null;
    },
  };
}

/**
 * One thumbnail per page (1-based), each linking to a larger image. Not lazy: a page of 50 loads
 * at once, from the server's cache after the first view.
 */
export function thumbnails(base, pages, empty) {
  if (!pages) return h('p', { class: 'empty' }, empty);
  const items = [];
  for (let n = 1; n <= pages; n++) {
    const src = url(`${base}/${n}.png`);
    items.push(
      h(
        'li',
        {},
        h(
          'a',
          { href: `${src}?w=864`, target: '_blank', rel: 'noopener' },
          h('img', { src, alt: `Page ${n} of ${pages}`, class: 'thumb', decoding: 'async', width: 172, height: 243 })
        ),
        h('span', { class: 'page-no', 'aria-hidden': 'true' }, String(n))
      )
    );
  }
  return h('ol', { class: 'thumbs', 'aria-label': `${pages} pages` }, items);
}

function attempts(list) {
  if (!list.length) return h('p', { class: 'empty' }, 'No call yet.');
  return h(
    'ol',
    { class: 'attempts' },
    list.map((a, i) =>
      h(
        'li',
        { class: 'attempt', 'data-result': a.result || '' },
        h('h4', {}, `Attempt ${i + 1}: `, a.result || 'unknown', a.reason ? ` — ${a.reason}` : ''),
        facts([
          ['Started', when(a.start)],
          ['Ended', when(a.end)],
          ['Signal rate', a.signalRate ? `${a.signalRate} bit/s` : ''],
          ['ECM', a.ecm === undefined ? '' : a.ecm ? 'yes' : 'no'],
          ['CommID', a.commId],
        ]),
        ladder(a.ladder || [])
      )
    )
  );
}

/** The T.30 ladder of one call: who sent which frame when. */
export function ladder(frames) {
  if (!frames.length) return '';
  return h(
    'details',
    { class: 'ladder' },
    h('summary', {}, `T.30 ladder (${frames.length} frames)`),
    table(
      'T.30 frames',
      [
        { label: 'Time', cell: (f) => ladderTime(f.t) },
        { label: 'Us', cell: (f) => (isTx(f.dir) ? f.frame : ''), cls: 'tx' },
        { label: '', cell: (f) => h('span', { 'aria-label': isTx(f.dir) ? 'sent' : 'received' }, isTx(f.dir) ? '→' : '←'), cls: 'arrow' },
        { label: 'Far end', cell: (f) => (isTx(f.dir) ? '' : f.frame), cls: 'rx' },
      ],
      frames,
      ''
    )
  );
}

const isTx = (dir) => /^(tx|out|send|sent|>|→)/i.test(String(dir || ''));

/** Seconds since the call's first logged line. */
function ladderTime(t) {
  if (typeof t === 'number') return `${t.toFixed(2)} s`;
  return when(t);
}

/** The send form: a number and a document. */
export function sendView(session, say) {
  const error = h('p', { class: 'error', role: 'alert', id: 'send-error' });
  const form = h(
    'form',
    { id: 'send-form', class: 'stack narrow', enctype: 'multipart/form-data', onsubmit: async (e) => {
      e.preventDefault();
      const submit = form.querySelector('button[type=submit]');
      submit.disabled = true;
      error.textContent = '';
      try {
        const r = await post('/jobs', new FormData(form));
        const id = pick(r, 'id', 'jid');
        say(`Job ${id} queued.`);
        location.hash = `#/jobs/${id}`;
      } catch (err) {
        error.textContent = `Not sent: ${err.message}`;
      } finally {
        submit.disabled = false;
      }
    } },
    h('label', { for: 'send-number' }, 'Fax number'),
    h('input', { id: 'send-number', name: 'number', type: 'tel', required: true, autocomplete: 'off', inputmode: 'tel' }),
    h('label', { for: 'send-file' }, 'Document (PDF, PostScript, TIFF, PNG, JPEG or text)'),
    h('input', { id: 'send-file', name: 'file', type: 'file', required: true, accept: '.pdf,.ps,.tif,.tiff,.png,.jpg,.jpeg,.gif,.txt,application/pdf,application/postscript,image/*,text/plain' }),
    h('button', { type: 'submit' }, 'Send fax'),
    error
  );
  return {
    node: h('section', { 'aria-labelledby': 'send-title' }, h('h2', { id: 'send-title' }, 'Send a fax'), form),
    load: async () => {},
    onEvent: () => null,
  };
}
