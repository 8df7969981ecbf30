// Who may do what. Every person and every API key acts as one role; the
// services layer checks the permission a verb needs (services/authorize.ts),
// so the web app and the API are held to the same table (README "Roles").

export const ROLES = ['viewer', 'responder', 'admin', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** `owner` ≥ `admin` ≥ `responder` ≥ `viewer`: a role may do everything the ones below it may. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** Each permission and the least role that holds it. */
export const PERMISSIONS = {
  read: 'viewer',
  'incidents.write': 'responder',
  'maintenances.write': 'responder',
  'postmortems.write': 'responder',
  'deliveries.retry': 'responder',
  'monitors.run': 'responder',
  'components.write': 'admin',
  'monitors.write': 'admin',
  'subscribers.write': 'admin',
  'channels.write': 'admin',
  'templates.write': 'admin',
  'settings.write': 'admin',
  'api_keys.manage': 'admin',
  'audit.read': 'admin',
  'users.manage': 'admin',
  'owners.manage': 'owner',
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof PERMISSIONS;

export function roleAllows(role: Role, permission: Permission): boolean {
  return roleAtLeast(role, PERMISSIONS[permission]);
}

/** The role an API key of each scope acts as. */
export const SCOPE_ROLE = { read: 'viewer', write: 'responder', admin: 'admin' } as const satisfies Record<string, Role>;
