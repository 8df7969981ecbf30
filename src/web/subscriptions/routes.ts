// The public subscription pages: the form (GET/POST /subscribe), the double
// opt-in (GET /subscriptions/confirm), manage (GET/POST) and unsubscribe (GET
// asks, POST does it: RFC 8058 one-click, and the button). Bodies are small
// url-encoded forms, accepted on these routes only; links carry a signed token.
// A GET never changes a subscription except the confirm link, which is what it is for.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ValidationDetails } from '../../domain/errors.js';
import type { Clock } from '../../lib/clock.js';
import type { ServiceContext } from '../../services/context.js';
import type { TargetVetter } from '../../services/monitors/vet-targets.js';
import type { PublicModel } from '../../services/public/model.js';
import { confirmSubscription } from '../../services/subscribers/confirmSubscription.js';
import { checkLink, linkSecret, subscriberLink, LINK_PATHS } from '../../services/subscribers/links.js';
import { contactOf } from '../../services/subscribers/present.js';
import { componentsOfSubscriber } from '../../services/subscribers/queries.js';
import { replaceSigningSecret } from '../../services/subscribers/replaceSigningSecret.js';
import { subscribe } from '../../services/subscribers/subscribe.js';
import { unsubscribe } from '../../services/subscribers/unsubscribe.js';
import { updateSubscription } from '../../services/subscribers/updateSubscription.js';
import { metaCsp, type SecurityHeaders } from '../security-headers.js';
import { renderConfirmed, renderLinkRefused, renderManage, renderRateLimited, renderSent, renderSubscribeForm, renderUnsubscribeAsk, renderUnsubscribed, type FieldErrors, type FormValues } from './pages.js';
import { SubscribeThrottle, type SubscribeLimits } from './throttle.js';

/** A form is a few fields; anything bigger is refused before it is read. */
export const FORM_BODY_LIMIT = 16 * 1024;

export interface SubscriptionRouteDeps {
  db: ServiceContext['db'];
  clock: Clock;
  /** The strict outbound policy: a webhook URL it refuses is a 422 on the form. */
  strictOutbound: TargetVetter;
  security: SecurityHeaders;
  /** The page's model for the frame and the component list (the public snapshot's, when there is one). */
  model(): Promise<PublicModel>;
  limits?: SubscribeLimits;
}

type Form = Record<string, string[]>;

function parseForm(body: string): Form {
  const form: Form = {};
  for (const [key, value] of new URLSearchParams(body)) (form[key] ??= []).push(value);
  return form;
}

const first = (form: Form, key: string): string | undefined => {
  const v = form[key]?.[0]?.trim();
  return v === undefined || v === '' ? undefined : v;
};

function tokenOf(request: FastifyRequest): string | null {
  const token = (request.query as Record<string, unknown> | undefined)?.token;
  return typeof token === 'string' && token.length > 0 && token.length <= 512 ? token : null;
}

/** Field errors of a VALIDATION error, keyed by the form field they belong to. */
function fieldErrors(err: AppError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of (err.details as ValidationDetails | undefined)?.issues ?? []) {
    const field = issue.path.split('.')[0] || 'form';
    out[field] ??= issue.message;
  }
  return out;
}

export function registerSubscriptionRoutes(app: FastifyInstance, deps: SubscriptionRouteDeps): void {
  const ctx: ServiceContext = { db: deps.db, clock: deps.clock, actor: { type: 'system', id: null, name: 'subscription pages' } };
  const throttle = new SubscribeThrottle(deps.clock, deps.limits);

  const send = (reply: FastifyReply, status: number, body: string) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', deps.security.htmlCsp(metaCsp(body)))
      .send(body);

  const refused = async (reply: FastifyReply, why: 'invalid' | 'expired' | 'gone') => {
    const page = renderLinkRefused(await deps.model(), why);
    return send(reply, page.status, page.body);
  };

  const tooMany = async (reply: FastifyReply, seconds: number) => {
    void reply.header('retry-after', String(seconds));
    return send(reply, 429, renderRateLimited(await deps.model(), seconds));
  };

  const link = async (id: string, nonce: string, purpose: 'manage' | 'unsubscribe') => {
    const now = deps.clock.now();
    return subscriberLink(await linkSecret(deps.db, now), '', { id, link_nonce: nonce }, purpose, now);
  };

  const showManage = async (reply: FastifyReply, token: string, status: number, extra: { notice?: string; signingSecret?: string } = {}) => {
    const checked = await checkLink(deps.db, token, 'manage', deps.clock.now());
    if (checked.status !== 'ok') return refused(reply, checked.status);
    const s = checked.subscriber;
    const webhook = s.type === 'webhook';
    return send(reply, status, renderManage(await deps.model(), {
      address: s.address,
      webhook,
      contact: webhook ? contactOf(s) : null,
      state: s.state,
      componentIds: await componentsOfSubscriber(ctx, s.id),
      manageToken: token,
      unsubscribeUrl: await link(s.id, s.link_nonce, 'unsubscribe'),
      ...extra,
    }));
  };

  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_request, body, done) => {
      done(null, parseForm(typeof body === 'string' ? body : body.toString('utf8')));
    });
    // RFC 8058 lets the one-click POST be multipart too; its token is in the URL, so the body is not needed.
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_request, _body, done) => done(null, {}));

    scope.get('/subscribe', async (_request, reply) => send(reply, 200, renderSubscribeForm(await deps.model())));

    scope.post('/subscribe', async (request, reply) => {
      const clientWait = throttle.client(request.ip);
      if (clientWait !== null) return tooMany(reply, clientWait);
      const form = (request.body ?? {}) as Form;
      const values: FormValues = { email: first(form, 'email'), url: first(form, 'url'), component_ids: (form.component_ids ?? []).filter((c) => c !== '') };
      // A bot that filled the hidden field gets the usual answer and nothing happens.
      if (first(form, 'website') !== undefined) return send(reply, 200, renderSent(await deps.model(), values.email ?? ''));
      if (values.email) {
        const addressWait = throttle.address(values.url ?? values.email);
        if (addressWait !== null) return tooMany(reply, addressWait);
      }
      try {
        const input = { type: values.url ? 'webhook' : 'email', email: values.email, url: values.url, component_ids: values.component_ids };
        const answer = await subscribe(ctx, input, { outbound: deps.strictOutbound });
        return send(reply, 200, renderSent(await deps.model(), answer.contact));
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION') return send(reply, 422, renderSubscribeForm(await deps.model(), values, fieldErrors(err)));
        throw err;
      }
    });

    // No HEAD twin: a prefetch must not spend the one showing of a webhook's signing secret.
    scope.get(LINK_PATHS.confirm, { exposeHeadRoute: false }, async (request, reply) => {
      const token = tokenOf(request);
      if (token === null) return refused(reply, 'invalid');
      const outcome = await confirmSubscription(ctx, token);
      if (outcome.status !== 'confirmed' && outcome.status !== 'already_confirmed') return refused(reply, outcome.status);
      const s = outcome.subscriber;
      return send(reply, 200, renderConfirmed(await deps.model(), {
        manageUrl: await link(s.id, s.link_nonce, 'manage'),
        already: outcome.status === 'already_confirmed',
        webhook: s.type === 'webhook',
        signingSecret: outcome.status === 'confirmed' ? outcome.signingSecret : null,
      }));
    });

    scope.get(LINK_PATHS.manage, async (request, reply) => {
      const token = tokenOf(request);
      return token === null ? refused(reply, 'invalid') : showManage(reply, token, 200);
    });

    scope.post(LINK_PATHS.manage, async (request, reply) => {
      const token = tokenOf(request);
      if (token === null) return refused(reply, 'invalid');
      const form = (request.body ?? {}) as Form;
      if (first(form, 'action') === 'replace_secret') {
        const outcome = await replaceSigningSecret(ctx, token);
        if (outcome.status === 'replaced') return showManage(reply, token, 200, { notice: 'A new signing secret was made.', signingSecret: outcome.signingSecret });
        if (outcome.status === 'not_webhook') return showManage(reply, token, 200);
        return refused(reply, outcome.status);
      }
      try {
        const outcome = await updateSubscription(ctx, token, { component_ids: (form.component_ids ?? []).filter((c) => c !== '') });
        if (outcome.status !== 'updated') return refused(reply, outcome.status);
        return showManage(reply, token, 200, { notice: 'Your choice of components is saved.' });
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION') return showManage(reply, token, 422, { notice: `Not saved: ${err.message}` });
        throw err;
      }
    });

    scope.get(LINK_PATHS.unsubscribe, async (request, reply) => {
      const token = tokenOf(request);
      if (token === null) return refused(reply, 'invalid');
      const checked = await checkLink(deps.db, token, 'unsubscribe', deps.clock.now());
      if (checked.status !== 'ok') return refused(reply, checked.status);
      return send(reply, 200, renderUnsubscribeAsk(await deps.model(), checked.subscriber.address, `${LINK_PATHS.unsubscribe}?token=${encodeURIComponent(token)}`));
    });

    scope.post(LINK_PATHS.unsubscribe, async (request, reply) => {
      const token = tokenOf(request);
      if (token === null) return refused(reply, 'invalid');
      const outcome = await unsubscribe(ctx, token);
      if (outcome.status !== 'unsubscribed') return refused(reply, outcome.status);
      return send(reply, 200, renderUnsubscribed(await deps.model(), outcome.contact));
    });
  });
}
