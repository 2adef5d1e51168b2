// Retention (gallring) and legal holds (docs/api.md "Retention"): the admin's preview of what is
// due, and the holds a commander or case officer places on a record of their own compartment.
import { array, boolean, getJson, number, optionalString, record, send, string } from './api';

export interface DueRecord {
  recordType: string;
  id: number;
  compartment: string;
  /** YYYY-MM-DD, Swedish dates. */
  lastEntry: string;
  dueSince: string;
  deadline: string;
  rule: string;
  held: boolean;
}

export interface RuleSummary {
  rule: string;
  /** Due this many months after the last entry. */
  months: number;
  due: number;
  held: number;
}

export interface RetentionPreview {
  asOf: string;
  rules: RuleSummary[];
  due: DueRecord[];
}

export function fetchRetentionPreview(asOf: string, signal?: AbortSignal): Promise<RetentionPreview> {
  const query = asOf ? `?as_of=${encodeURIComponent(asOf)}` : '';
  return getJson(
    `/api/v1/retention/preview${query}`,
    (value) => {
      const body = record(value, 'body');
      return {
        asOf: string(body['as_of'], 'as_of'),
        rules: array(body['rules'], 'rules', (r, name) => {
          const o = record(r, name);
          return {
            rule: string(o['rule'], `${name}.rule`),
            months: number(o['months'], `${name}.months`),
            due: number(o['due'], `${name}.due`),
            held: number(o['held'], `${name}.held`),
          };
        }),
        due: array(body['due'], 'due', (d, name) => {
          const o = record(d, name);
          return {
            recordType: string(o['record_type'], `${name}.record_type`),
            id: number(o['id'], `${name}.id`),
            compartment: string(o['compartment'], `${name}.compartment`),
            lastEntry: string(o['last_entry'], `${name}.last_entry`),
            dueSince: string(o['due_since'], `${name}.due_since`),
            deadline: string(o['deadline'], `${name}.deadline`),
            rule: string(o['rule'], `${name}.rule`),
            held: boolean(o['held'], `${name}.held`),
          };
        }),
      };
    },
    signal ? { signal } : {},
  );
}

export type HoldRecordType = 'encounter' | 'contact';

export interface LegalHold {
  id: number;
  recordType: string;
  recordId: number;
  reason: string;
  /** RFC 3339 times. */
  placedAt: string;
  placedBy: string;
  releasedAt: string | null;
  releasedBy: string | null;
  active: boolean;
}

function decodeHold(value: unknown, name: string): LegalHold {
  const o = record(value, name);
  return {
    id: number(o['id'], `${name}.id`),
    recordType: string(o['record_type'], `${name}.record_type`),
    recordId: number(o['record_id'], `${name}.record_id`),
    reason: string(o['reason'], `${name}.reason`),
    placedAt: string(o['placed_at'], `${name}.placed_at`),
    placedBy: string(o['placed_by'], `${name}.placed_by`),
    releasedAt: optionalString(o['released_at'], `${name}.released_at`),
    releasedBy: optionalString(o['released_by'], `${name}.released_by`),
    active: boolean(o['active'], `${name}.active`),
  };
}

export function fetchLegalHolds(
  recordType: HoldRecordType,
  recordId: number,
  signal?: AbortSignal,
): Promise<LegalHold[]> {
  return getJson(
    `/api/v1/legal-holds?record_type=${recordType}&record_id=${recordId}`,
    (value) => array(record(value, 'body')['holds'], 'holds', decodeHold),
    signal ? { signal } : {},
  );
}

export function placeLegalHold(recordType: HoldRecordType, recordId: number, reason: string): Promise<LegalHold> {
  return send('POST', '/api/v1/legal-holds', (v) => decodeHold(v, 'body'), {
    record_type: recordType,
    record_id: recordId,
    reason,
  });
}

export function releaseLegalHold(id: number): Promise<LegalHold> {
  return send('POST', `/api/v1/legal-holds/${id}/release`, (v) => decodeHold(v, 'body'));
}

/** The roles that hold records of their own compartment. */
export function mayHold(role: string): boolean {
  return role === 'police_commander' || role === 'social_case_officer';
}

/** The most bytes a reason may have (the server's limit). */
export const maxHoldReason = 2000;
