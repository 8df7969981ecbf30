// The one place coded errors become HTTP answers. Anything uncoded is a 500
// with a generic message; its details go to the log, never to the client.
// (Database errors arrive coded already: store/errors.ts translates them in the driver.)
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from '../domain/errors.js';

export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

/** Fastify's own request errors (body parsing, limits) as coded errors. */
function fromFastify(err: FastifyError): AppError | undefined {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', 'the request body is larger than the server accepts');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'send the request body as application/json');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('BAD_REQUEST', 'the request body is empty or its length is wrong');
    default:
      if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
        return new AppError('BAD_REQUEST', 'the request body is not valid JSON');
      }
      return undefined;
  }
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const fastifyError = fromFastify(err as FastifyError);
  if (fastifyError) return fastifyError;
  const status = (err as FastifyError).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError('BAD_REQUEST', 'the request could not be understood');
  }
  return new AppError('INTERNAL', 'an internal error occurred');
}

export function errorBody(err: AppError) {
  return { error: { code: err.code, message: err.message, details: err.details ?? null } };
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(err);
    if (appError.code === 'INTERNAL') request.log.error({ err }, 'unhandled error');
    else if (appError.code === 'UNAVAILABLE') request.log.warn({ err }, 'dependency unavailable');
    const retryAfter = (appError.details as { retry_after_seconds?: unknown } | undefined)?.retry_after_seconds;
    if (appError.code === 'RATE_LIMITED' && typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
    void reply.code(HTTP_STATUS[appError.code]).type('application/json; charset=utf-8').send(errorBody(appError));
  });
  app.setNotFoundHandler((request, reply) => {
    const appError = new AppError('NOT_FOUND', `no route for ${request.method} ${request.url.split('?')[0]}`);
    void reply.code(404).send(errorBody(appError));
  });
}
