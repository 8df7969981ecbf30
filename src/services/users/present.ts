import { isRole, type Role } from '../../domain/roles.js';
import type { UserRow } from '../../store/schema.js';

/** A user as answers and audit rows show them: never the password hash, TOTP secret or recovery codes. */
export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  totp_enabled: boolean;
  sso: boolean;
  disabled: boolean;
  locked_until: string | null;
  last_sign_in_at: string | null;
  created_at: string;
  updated_at: string;
}

export function roleOf(row: Pick<UserRow, 'role'>): Role {
  // The column only ever holds a role the services wrote; viewer is the safe reading of anything else.
  return isRole(row.role) ? row.role : 'viewer';
}

export function presentUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: roleOf(row),
    totp_enabled: row.totp_enabled_at !== null,
    sso: row.oidc_subject !== null,
    disabled: row.disabled_at !== null,
    locked_until: row.locked_until,
    last_sign_in_at: row.last_sign_in_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
