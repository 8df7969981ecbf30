import { endAllSessions, endSession } from '../../../services/sessions/endSession.js';
import { cookieNames, parseCookies, serializeCookie } from '../cookies.js';
import { adminRoute, type AdminAnswer, type AdminInput } from '../page.js';

function signedOut(input: AdminInput, flash: string): AdminAnswer {
  const names = cookieNames(input.deps.secure);
  return { kind: 'redirect', to: '/admin/sign-in', flash, cookies: [serializeCookie(names.session, '', { secure: input.deps.secure, maxAge: 0 })] };
}

export const signOutRoutes = [
  adminRoute({
    method: 'POST',
    path: '/sign-out',
    access: 'signed-in',
    handler: async (input) => {
      const token = parseCookies(input.request.headers.cookie)[cookieNames(input.deps.secure).session];
      if (token) await endSession(input.ctx, token);
      return signedOut(input, 'You are signed out.');
    },
  }),
  adminRoute({
    method: 'POST',
    path: '/sign-out-everywhere',
    access: 'signed-in',
    handler: async (input) => {
      const ended = await endAllSessions(input.ctx, input.session!.user.id);
      return signedOut(input, `You are signed out everywhere (${ended} ${ended === 1 ? 'session' : 'sessions'} ended).`);
    },
  }),
];
