// The one place roles are enforced: every service verb asks for the permission
// it needs before it reads or writes, whoever calls it (web app or API key).
import { AppError } from '../domain/errors.js';
import { PERMISSIONS, roleAllows, type Permission } from '../domain/roles.js';
import type { Actor } from './context.js';

/** People and API keys act as their role; Vigil's own actors (CLI, config, engine, import) are trusted. */
function isExternal(actor: Actor): boolean {
  return actor.type === 'user' || actor.type === 'api_key';
}

export function can(actor: Actor, permission: Permission): boolean {
  if (!isExternal(actor)) return true;
  return actor.role !== undefined && roleAllows(actor.role, permission);
}

/** Throws FORBIDDEN naming the role the action needs. */
export function authorize(ctx: { actor: Actor }, permission: Permission): void {
  if (can(ctx.actor, permission)) return;
  const needed = PERMISSIONS[permission];
  const held = ctx.actor.role ?? 'none';
  const who = ctx.actor.type === 'api_key' ? 'this API key acts as' : 'your role is';
  throw new AppError('FORBIDDEN', `this needs the "${needed}" role or above; ${who} "${held}"`, { needed_role: needed, role: held, permission });
}
