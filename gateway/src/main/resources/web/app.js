// The faxgw operator console: log-in, the hash router (#/queue, #/jobs/ID, #/send, #/received,
// #/received/ID, #/lines, #/outbox) and live updates from the server's events.

import * as api from './api.js';
import { h, replace } from './dom.js';
import { queueView, jobView, sendView } from './jobs.js';
import { receivedListView, receivedView } from './received.js';
import { linesView, outboxView } from './status.js';

const $ = (id) => document.getElementById(id);

let session = null;
let current = null;
let events = null;
let pending = null;
let saidAt = 0;

/** A message in the status line (read out by screen readers). */
function say(message, isError) {
  const live = $('live');
  live.textContent = message;
  live.classList.toggle('error', Boolean(isError));
  saidAt = Date.now();
}

function route() {
  const hash = location.hash.replace(/^#\/?/, '') || 'queue';
  const [path, query] = hash.split('?');
  const parts = path.split('/').map(decodeURIComponent);
  const params = new URLSearchParams(query || '');
  switch (parts[0]) {
    case 'jobs':
      return parts[1] ? ['queue', jobView(session, parts[1], say)] : ['queue', queueView(session, params)];
    case 'send':
      return ['send', sendView(session, say)];
    case 'received':
      return ['received', parts[1] ? receivedView(session, parts[1], say) : receivedListView()];
    case 'lines':
      return ['lines', linesView()];
    case 'outbox':
      return ['outbox', outboxView()];
    default:
      return ['queue', queueView(session, params)];
  }
}

async function show() {
  if (!session) return;
  const [section, view] = route();
  // a message stays for the view it led to (e.g. "Job 12 queued." on the new job), not longer
  if (Date.now() - saidAt > 2000) say('');
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.dataset.section === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  current = view;
  replace($('view'), view.node);
  await reload(view, true);
  const title = view.node.querySelector('h2');
  document.title = `${title ? title.textContent + ' — ' : ''}faxgw`;
}

async function reload(view, focus) {
  try {
    await view.load();
    if (focus) $('main').focus({ preventScroll: true });
  } catch (e) {
    if (!(e instanceof api.ApiError && e.status === 401)) say(`Could not load: ${e.message}`, true);
  }
}

/** Live updates: a burst of events gives one reload of the view, at most every 300 ms. */
function onEvent(type, data) {
  const view = current;
  if (!view || view.onEvent(type, data) !== 'reload' || pending) return;
  pending = setTimeout(() => {
    pending = null;
    if (view === current) reload(view, false);
  }, 300);
}

function setLive(up) {
  document.body.dataset.live = up ? 'up' : 'down';
}

function signedIn(me) {
  session = me;
  $('login-view').hidden = true;
  $('nav').hidden = false;
  $('who').hidden = false;
  replace($('who-name'), h('span', {}, me.user), ' ', h('span', { class: 'role' }, `(${me.role})`));
  // received faxes and the mail outbox are the admins' (the API answers 403 to a user)
  for (const a of document.querySelectorAll('#nav a[data-admin]')) {
    a.parentElement.hidden = me.role !== 'admin';
  }
  if (!events) events = api.subscribe(onEvent, setLive);
  show();
}

function signedOut(message) {
  session = null;
  current = null;
  if (events) {
    events.close();
    events = null;
  }
  setLive(false);
  $('nav').hidden = true;
  $('who').hidden = true;
  replace($('view'));
  $('login-view').hidden = false;
  $('login-error').textContent = message || '';
  document.title = 'Log in — faxgw';
  $('login-user').focus();
}

async function start() {
  api.setUnauthorizedHandler(() => {
    if (session) signedOut('Your session ended; please log in again.');
  });
  $('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    $('login-error').textContent = '';
    try {
      const me = await api.login(String(f.get('user')), String(f.get('password')));
      $('login-password').value = '';
      signedIn(me);
    } catch (err) {
      $('login-error').textContent =
        err.status === 401 ? 'Wrong user or password.'
          : err.status === 429 ? 'Too many failed log-ins; try again later.'
            : `Log-in failed: ${err.message}`;
    }
  });
  $('logout').addEventListener('click', async () => {
    try {
      await api.logout();
    } finally {
      signedOut('Logged out.');
    }
  });
  window.addEventListener('hashchange', show);
  let me = null;
  try {
    me = await api.me();
  } catch (e) {
    say(`The gateway does not answer: ${e.message}`, true);
  }
  if (me) signedIn(me);
  else signedOut();
}

start();
