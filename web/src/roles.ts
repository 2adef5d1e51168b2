// Roles of users (docs/api.md, shared/design/ARCHITECTURE.md "Who uses it") and the words for codes
// that the server sends: roles, unit kinds, purposes. A code the interface does not know is shown
// as it is rather than hidden.
import { isMessageKey, type MessageKey } from './i18n';

export const roles = [
  'police_officer',
  'police_commander',
  'police_analyst',
  'social_worker',
  'social_case_officer',
  'coordinator',
  'committee',
  'admin',
] as const;

export type Role = (typeof roles)[number];

export const unitKinds = ['police', 'social_services', 'region'] as const;
export type UnitKind = (typeof unitKinds)[number];

type Translate = (key: MessageKey) => string;

function label(t: Translate, prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return isMessageKey(key) ? t(key) : code;
}

/** "Polis", "Administratör", …; an unknown role code as it is. */
export function roleLabel(t: Translate, role: string): string {
  return label(t, 'role', role);
}

/** "Polis", "Socialtjänst", "Region"; an unknown kind as it is. */
export function unitKindLabel(t: Translate, kind: string): string {
  return label(t, 'unitKind', kind);
}

/** "Handläggning", "Insats", …; an unknown purpose code as it is. */
export function purposeLabel(t: Translate, purpose: string): string {
  return label(t, 'purpose', purpose);
}
