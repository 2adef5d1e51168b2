// The session and the user's own account: POST/GET/DELETE /api/v1/session,
// POST /api/v1/account/password, POST /api/v1/account/totp/setup and /confirm (docs/api.md).
import { boolean, getJson, ignoreBody, number, optionalString, record, send, string } from './api';

export interface Unit {
  id: number;
  name: string;
  /** "police", "social_services", "region" (or a kind this version does not know). */
  kind: string;
  municipalityCode: string | null;
  countyCode: string | null;
}

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: string;
  unit: Unit | null;
  totpEnabled: boolean;
  personLevelAccess: boolean;
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
  expiresAt: string;
  /** Configuration requires a second factor for this role and the user has none yet. */
  secondFactorNeeded: boolean;
}

export function decodeUnit(value: unknown, name = 'unit'): Unit {
  const u = record(value, name);
  return {
    id: number(u['id'], `${name}.id`),
    name: string(u['name'], `${name}.name`),
    kind: string(u['kind'], `${name}.kind`),
    municipalityCode: optionalString(u['municipality_code'], `${name}.municipality_code`),
    countyCode: optionalString(u['county_code'], `${name}.county_code`),
  };
}

export function decodeSession(value: unknown): Session {
  const body = record(value, 'session');
  const u = record(body['user'], 'session.user');
  const unit = u['unit'];
  return {
    user: {
      id: number(u['id'], 'user.id'),
      username: string(u['username'], 'user.username'),
      displayName: string(u['display_name'], 'user.display_name'),
      role: string(u['role'], 'user.role'),
      unit: unit === null || unit === undefined ? null : decodeUnit(unit, 'user.unit'),
      totpEnabled: boolean(u['totp_enabled'], 'user.totp_enabled'),
      personLevelAccess: u['person_level_access'] === true,
    },
    csrfToken: string(body['csrf_token'], 'session.csrf_token'),
    expiresAt: string(body['expires_at'], 'session.expires_at'),
    secondFactorNeeded: body['second_factor_needed'] === true,
  };
}

/** GET /api/v1/session; a 401 (no session) is thrown as ApiError for the caller to handle. */
export function fetchSession(signal?: AbortSignal): Promise<Session> {
  return getJson('/api/v1/session', decodeSession, {
    ownsUnauthenticated: true,
    ...(signal ? { signal } : {}),
  });
}

export interface Credentials {
  username: string;
  password: string;
  /** The 6-digit code, once the server has answered totp_required. */
  totp?: string;
}

/** POST /api/v1/session. 401 unauthenticated / totp_required and 429 are thrown as ApiError. */
export function logIn(credentials: Credentials): Promise<Session> {
  return send('POST', '/api/v1/session', decodeSession, credentials, { ownsUnauthenticated: true });
}

/** DELETE /api/v1/session. */
export async function logOut(): Promise<void> {
  await send('DELETE', '/api/v1/session', ignoreBody, undefined, { ownsUnauthenticated: true });
}

/**
 * POST /api/v1/account/password. A wrong current password is a 400 naming `current_password`;
 * a weak new one a 400 naming `new_password` with the rule's code.
 */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await send('POST', '/api/v1/account/password', ignoreBody, {
    current_password: currentPassword,
    new_password: newPassword,
  });
}

export interface TotpSetup {
  /** Base32 secret, to type into an authenticator app. */
  secret: string;
  /** otpauth:// URI with the same secret, for apps that open links or scan QR codes. */
  uri: string;
}

function decodeTotpSetup(value: unknown): TotpSetup {
  const body = record(value, 'totp');
  const uri = string(body['uri'], 'totp.uri');
  if (!uri.startsWith('otpauth://')) throw new Error('totp.uri: expected an otpauth:// URI');
  return { secret: string(body['secret'], 'totp.secret'), uri };
}

/** POST /api/v1/account/totp/setup: a new secret, not active until confirmed. */
export function setUpTotp(): Promise<TotpSetup> {
  return send('POST', '/api/v1/account/totp/setup', decodeTotpSetup);
}

/** POST /api/v1/account/totp/confirm; 400 with field "code" when the code is wrong. */
export async function confirmTotp(code: string): Promise<void> {
  await send('POST', '/api/v1/account/totp/confirm', ignoreBody, { code });
}

/** "JBSW Y3DP EHPK 3PXP": a base32 secret in groups of four, easier to read and type. */
export function groupSecret(secret: string): string {
  return (secret.replace(/\s+/g, '').match(/.{1,4}/g) ?? []).join(' ');
}
