// Units, users and reference data for the administrator (docs/api.md "Reference data and units").
import { decodeUnit, type Unit } from './account';
import {
  ApiError,
  array,
  boolean,
  getJson,
  ignoreBody,
  number,
  optionalString,
  record,
  send,
  string,
} from './api';

export interface Municipality {
  code: string;
  name: string;
  shortName: string;
  countyCode: string;
}

export interface County {
  code: string;
  name: string;
}

export interface AdminUser {
  id: number;
  username: string;
  displayName: string;
  role: string;
  unitId: number | null;
  disabled: boolean;
  /** Null when the server does not say (then the interface does not guess). */
  totpEnabled: boolean | null;
}

export function fetchMunicipalities(signal?: AbortSignal): Promise<Municipality[]> {
  return getJson(
    '/api/v1/municipalities',
    (value) =>
      array(record(value, 'body')['municipalities'], 'municipalities', (m, name) => {
        const r = record(m, name);
        return {
          code: string(r['code'], `${name}.code`),
          name: string(r['name'], `${name}.name`),
          shortName: string(r['short_name'], `${name}.short_name`),
          countyCode: string(r['county_code'], `${name}.county_code`),
        };
      }),
    signal ? { signal } : {},
  );
}

/**
 * GET /api/v1/counties ({"counties": [{"code", "name", "short_name"}]}). Should it fail, the
 * counties are the county codes of the municipalities, named by code.
 */
export async function fetchCounties(
  municipalities: readonly Municipality[],
  signal?: AbortSignal,
): Promise<County[]> {
  try {
    return await getJson(
      '/api/v1/counties',
      (value) =>
        array(record(value, 'body')['counties'], 'counties', (c, name) => {
          const r = record(c, name);
          return {
            code: string(r['code'], `${name}.code`),
            name: string(r['name'], `${name}.name`),
          };
        }),
      signal ? { signal } : {},
    );
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 404) throw err;
    const codes = [...new Set(municipalities.map((m) => m.countyCode))].sort();
    return codes.map((code) => ({ code, name: '' }));
  }
}

export function fetchUnits(signal?: AbortSignal): Promise<Unit[]> {
  return getJson(
    '/api/v1/units',
    (value) => array(record(value, 'body')['units'], 'units', decodeUnit),
    signal ? { signal } : {},
  );
}

export interface NewUnit {
  kind: string;
  name: string;
  municipality_code?: string;
  county_code?: string;
}

export function createUnit(unit: NewUnit): Promise<Unit> {
  return send('POST', '/api/v1/units', (v) => decodeUnit(v), unit);
}

function decodeAdminUser(value: unknown, name: string): AdminUser {
  const u = record(value, name);
  const unitId = u['unit_id'];
  return {
    id: number(u['id'], `${name}.id`),
    username: string(u['username'], `${name}.username`),
    displayName: optionalString(u['display_name'], `${name}.display_name`) ?? '',
    role: string(u['role'], `${name}.role`),
    unitId: unitId === null || unitId === undefined ? null : number(unitId, `${name}.unit_id`),
    disabled: boolean(u['disabled'], `${name}.disabled`),
    totpEnabled:
      u['totp_enabled'] === undefined || u['totp_enabled'] === null
        ? null
        : boolean(u['totp_enabled'], `${name}.totp_enabled`),
  };
}

export function fetchUsers(signal?: AbortSignal): Promise<AdminUser[]> {
  return getJson(
    '/api/v1/users',
    (value) => array(record(value, 'body')['users'], 'users', decodeAdminUser),
    signal ? { signal } : {},
  );
}

export interface NewUser {
  username: string;
  display_name: string;
  role: string;
  unit_id: number;
  password: string;
}

export function createUser(user: NewUser): Promise<AdminUser> {
  return send('POST', '/api/v1/users', (v) => decodeAdminUser(v, 'user'), user);
}

export async function resetPassword(userId: number, newPassword: string): Promise<void> {
  await send('POST', `/api/v1/users/${userId}/password`, ignoreBody, { new_password: newPassword });
}

export async function setUserDisabled(userId: number, disabled: boolean): Promise<void> {
  await send('POST', `/api/v1/users/${userId}/${disabled ? 'disable' : 'enable'}`, ignoreBody);
}
