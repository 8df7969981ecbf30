// Every state-changing request proves it comes from a Vigil page: the browser
// says so (Origin / Sec-Fetch-Site), and the request carries the session's
// CSRF token (a form's `_csrf` field or the `X-CSRF-Token` header).
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../domain/errors.js';
import { field, type Form } from './forms.js';

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Refuses a request another site made the browser send. */
export function checkSameOrigin(request: FastifyRequest): void {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') {
    throw new AppError('FORBIDDEN', 'this request came from another site; reload the page and try again');
  }
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') {
    const host = request.headers.host;
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      throw new AppError('FORBIDDEN', 'the Origin header is not a URL');
    }
    if (originHost !== host) throw new AppError('FORBIDDEN', 'this request came from another site; reload the page and try again');
  } else if (origin === 'null') {
    throw new AppError('FORBIDDEN', 'this request came from an opaque origin');
  }
}

export function checkCsrfToken(request: FastifyRequest, form: Form, expected: string): void {
  const header = request.headers[CSRF_HEADER];
  const sent = typeof header === 'string' ? header : field(form, CSRF_FIELD);
  if (!sent || !sameSecret(sent, expected)) {
    throw new AppError('FORBIDDEN', 'the form has expired or did not come from Vigil; reload the page and try again');
  }
}
