// Who read or changed a record: GET /api/v1/audit/records/{type}/{id} (docs/api.md "Audit").
import { array, getJson, number, optionalString, record, string } from './api';

export interface AuditEvent {
  seq: number;
  /** RFC 3339 time. */
  at: string;
  username: string;
  action: string;
  purpose: string;
  outcome: string;
  detail: string;
  requestId: string;
}

/** Record types whose audit trail can be looked up; the interface offers these. */
export const auditRecordTypes = ['person'] as const;

export function fetchRecordAudit(
  type: string,
  id: string,
  signal?: AbortSignal,
): Promise<AuditEvent[]> {
  const path = `/api/v1/audit/records/${encodeURIComponent(type)}/${encodeURIComponent(id)}`;
  return getJson(
    path,
    (value) =>
      array(record(value, 'body')['events'], 'events', (e, name) => {
        const r = record(e, name);
        return {
          seq: number(r['seq'], `${name}.seq`),
          at: string(r['at'], `${name}.at`),
          username: optionalString(r['username'], `${name}.username`) ?? '',
          action: string(r['action'], `${name}.action`),
          purpose: optionalString(r['purpose'], `${name}.purpose`) ?? '',
          outcome: optionalString(r['outcome'], `${name}.outcome`) ?? '',
          detail: optionalString(r['detail'], `${name}.detail`) ?? '',
          requestId: optionalString(r['request_id'], `${name}.request_id`) ?? '',
        };
      }),
    signal ? { signal } : {},
  );
}
