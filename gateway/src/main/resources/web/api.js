// The REST API (/api/v1) as the console uses it: JSON in and out, the session cookie, and the
// CSRF token on every change.

const BASE = '/api/v1';

/** An API reply that was not 2xx. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

let csrf = '';
let onUnauthorized = () => {};

/** Called when any request comes back 401 (the session ended). */
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

export function setCsrf(token) {
  csrf = token || '';
}

async function request(method, path, body, headers) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json', ...headers } };
  if (method !== 'GET') {
    init.headers['X-CSRF-Token'] = csrf;
  }
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(BASE + path, init);
  const text = await res.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = { error: text };
    }
  }
  if (!res.ok) {
    if (res.status === 401 && path !== '/login') onUnauthorized();
    const msg = (data && (data.error || data.message)) || `${res.status} ${res.statusText}`;
    throw new ApiError(res.status, msg);
  }
  return data;
}

export const get = (path) => request('GET', path);
export const post = (path, body) => request('POST', path, body === undefined ? {} : body);

/** Logs in; keeps the CSRF token. Returns {user, role, csrf}. */
export async function login(user, password) {
  const me = await request('POST', '/login', { user, password });
  setCsrf(me.csrf);
  return me;
}

/** The current session, or null when there is none. */
export async function me() {
  try {
    const m = await request('GET', '/me');
    setCsrf(m.csrf);
    return m;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export async function logout() {
  try {
    await request('POST', '/logout', {});
  } finally {
    setCsrf('');
  }
}

/** The URL of a path under the API (for img src, links). */
export const url = (path) => BASE + path;

/**
 * Server-sent events: calls handler(type, data) for 'job' (also for 'jobRemoved'), 'line' and
 * 'received' events. The
 * browser's EventSource reconnects by itself; onState(open) tells whether the stream is up.
 */
export function subscribe(handler, onState) {
  const es = new EventSource(BASE + '/events', { withCredentials: true });
  for (const type of ['job', 'jobRemoved', 'line', 'received']) {
    es.addEventListener(type, (ev) => {
      let data = {};
      try {
        data = JSON.parse(ev.data);
      } catch {
        // a malformed event still says that something of this type changed
      }
      handler(type === 'jobRemoved' ? 'job' : type, data);
    });
  }
  es.addEventListener('open', () => onState(true));
  es.addEventListener('error', () => onState(false));
  return es;
}
