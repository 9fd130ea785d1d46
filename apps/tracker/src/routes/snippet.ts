import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Stores } from '@tandem/db'
import type { TrackerContext } from '../context.ts'
import { badRequest, notFound } from '../http/http-error.ts'
import { parseParams } from '../http/query.ts'
import { cookieNameFor } from '../links/tracked-link.ts'
import { MAX_TOUCHES } from './click-cookie.ts'

export interface SnippetProgram {
  programId: string
  slug: string
  clickParam: string
  cookieDays: number
  cookieName: string
}

export async function loadSnippetProgram(db: Stores['db'], slug: string): Promise<SnippetProgram | null> {
  const row = await db
    .selectFrom('programs')
    .select(['id', 'slug', 'click_param', 'cookie_days', 'status'])
    .where('slug', '=', slug)
    .executeTakeFirst()
  if (!row || row.status === 'archived') return null
  return {
    programId: row.id,
    slug: row.slug,
    clickParam: row.click_param,
    cookieDays: row.cookie_days,
    cookieName: cookieNameFor(row.slug),
  }
}

/** A Host header worth writing into a script: a host name or [IPv6] literal, and a port. */
const HOST_HEADER =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/

/**
 * GET /t.js?program=<slug> — the merchant-site snippet, with the program's settings baked in
 * (click parameter, cookie window, cookie name). Cached by browsers and CDNs for 5 minutes.
 * The endpoint it posts to is TRACKER_PUBLIC_URL; without it, the request's Host (and
 * X-Forwarded-Proto), so the answer then varies by those headers and says so (Vary), lest a shared
 * cache hand one host's script to another.
 */
export async function handleSnippet(
  ctx: TrackerContext,
  req: IncomingMessage,
  res: ServerResponse,
  rawQuery: string,
): Promise<void> {
  const params = parseParams(rawQuery)
  const slug = params.program
  if (!slug || !/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(slug)) {
    throw badRequest('Load the snippet as /t.js?program=<program slug>')
  }
  const program = await ctx.snippetPrograms.get(slug)
  if (!program) throw notFound(`Unknown program ${slug}`)
  let endpoint = ctx.publicUrl
  if (endpoint === null) {
    const host = req.headers.host ?? 'localhost'
    if (!HOST_HEADER.test(host)) throw badRequest('The Host header is not a host name')
    endpoint = `${isHttps(req) ? 'https' : 'http'}://${host}`
  }
  const js = renderSnippet(program, endpoint)
  res.writeHead(200, {
    'content-type': 'application/javascript; charset=utf-8',
    'content-length': Buffer.byteLength(js),
    'cache-control': 'public, max-age=300',
    'access-control-allow-origin': '*',
    'x-content-type-options': 'nosniff',
    ...(ctx.publicUrl === null ? { vary: 'Host, X-Forwarded-Proto' } : {}),
  })
  res.end(js)
}

function isHttps(req: IncomingMessage): boolean {
  return (
    (req.socket as { encrypted?: boolean }).encrypted === true || req.headers['x-forwarded-proto'] === 'https'
  )
}

/** The snippet source. Plain ES5, no dependencies, about 2 KB. */
export function renderSnippet(program: SnippetProgram, endpoint: string): string {
  const config = JSON.stringify({
    program: program.slug,
    param: program.clickParam,
    days: program.cookieDays,
    cookie: program.cookieName,
    endpoint: endpoint.replace(/\/+$/, ''),
    max: MAX_TOUCHES,
  }).replace(/</g, '\\u003c')
  return `/* Tandem tracking snippet: stores click ids in a first-party cookie, sends conversions. */
;(function (w, d) {
  'use strict';
  var cfg = ${config};
  var ID = /^[A-Za-z0-9_-]{40}$/;
  function read(name) {
    var parts = d.cookie ? d.cookie.split(';') : [];
    for (var i = 0; i < parts.length; i++) {
      var p = parts[i].replace(/^\\s+/, '');
      if (p.indexOf(name + '=') === 0) return p.slice(name.length + 1);
    }
    return '';
  }
  function ids(value) {
    var out = [], list = value ? value.split('.') : [];
    for (var i = 0; i < list.length; i++) if (ID.test(list[i]) && out.indexOf(list[i]) < 0) out.push(list[i]);
    return out;
  }
  // Widest domain that accepts the cookie (shop.example rather than www.shop.example).
  function write(value) {
    var host = location.hostname.split('.'), secure = location.protocol === 'https:' ? '; Secure' : '';
    var tail = '=' + value + '; path=/; max-age=' + cfg.days * 86400 + '; SameSite=Lax' + secure;
    for (var i = Math.max(host.length - 2, 0); i >= 0; i--) {
      var domain = host.slice(i).join('.');
      d.cookie = cfg.cookie + tail + (host.length > 1 ? '; domain=' + domain : '');
      if (read(cfg.cookie) === value) return;
    }
  }
  // A click id carries its click time (bytes 1-6, milliseconds, big-endian): oldest first.
  function at(id) {
    var b = atob(id.slice(0, 12).replace(/-/g, '+').replace(/_/g, '/')), t = 0;
    for (var i = 1; i <= 6; i++) t = t * 256 + b.charCodeAt(i);
    return t;
  }
  function touches() {
    var all = ids(read(cfg.cookie + '_srv')).concat(ids(read(cfg.cookie))), out = [];
    for (var i = 0; i < all.length; i++) if (out.indexOf(all[i]) < 0) out.push(all[i]);
    out.sort(function (a, b) { return at(a) - at(b); });
    return out.slice(-cfg.max);
  }
  var m = new RegExp('[?&]' + cfg.param + '=([A-Za-z0-9_-]{40})(?:&|#|$)').exec(location.search);
  if (m) {
    var list = ids(read(cfg.cookie)), i = list.indexOf(m[1]);
    if (i >= 0) list.splice(i, 1);
    list.push(m[1]);
    write(list.slice(-cfg.max).join('.'));
  }
  function conversion(o) {
    o = o || {};
    var q = ['type=conversion', 'program=' + encodeURIComponent(cfg.program)];
    var keys = ['event', 'order_id', 'amount', 'currency', 'coupon', 'customer_id', 'email', 'sub1', 'sub2', 'sub3', 'sub4', 'sub5'];
    for (var k = 0; k < keys.length; k++) {
      if (o[keys[k]] !== undefined && o[keys[k]] !== null) q.push(keys[k] + '=' + encodeURIComponent(String(o[keys[k]])));
    }
    var t = touches();
    if (t.length) q.push('tclid=' + t.join('.'));
    var img = new Image(1, 1);
    img.src = cfg.endpoint + '/p.gif?' + q.join('&');
  }
  var api = function (command, arg) {
    if (command === 'conversion') conversion(arg);
  };
  api.touches = touches;
  var queued = (w.tandem && w.tandem.q) || [];
  w.tandem = api;
  for (var j = 0; j < queued.length; j++) api.apply(null, queued[j]);
})(window, document);
`
}
