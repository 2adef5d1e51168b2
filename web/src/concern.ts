// Concern reports (orosanmälan; docs/api.md "Concern reports"): a task opened by recording a
// person under 18 (or of unknown age) ends with a report to the social services or a recorded
// reason why none is made; the receiving unit's case officer acknowledges the report.
import { array, getJson, number, optionalNumber, optionalString, record, send, string } from './api';

const sig = (signal?: AbortSignal) => (signal ? { signal } : {});
const q = (value: string | number) => encodeURIComponent(String(value));

export interface Unit {
  id: number;
  name: string;
}

export interface ConcernReport {
  id: number;
  taskId: number;
  fromUnit: Unit;
  toUnit: Unit;
  legalGround: string;
  text: string;
  filedAt: string;
  filedBy: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  /** Earlier texts of the report, oldest first; `text` is the current one. */
  corrections: ReportCorrection[];
}

/** One correction of a filed report: the text before it, and why it was corrected. */
export interface ReportCorrection {
  previousText: string;
  reason: string;
  correctedAt: string;
  correctedBy: string;
}

export interface ConcernTask {
  id: number;
  compartment: string;
  sourceType: string;
  sourceId: number | null;
  operationId: number | null;
  municipalityCode: string | null;
  ageBand: string;
  openedAt: string;
  dueAt: string;
  overdue: boolean;
  state: string;
  assignedTo: string;
  noReportReason: string | null;
  closedAt: string | null;
  report: ConcernReport | null;
}

/** A person as the server names one: {"id","display_name"}, a name, or an id. */
function person(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const name = o['display_name'] ?? o['name'] ?? o['username'] ?? o['id'];
    return name === undefined || name === null ? '' : String(name);
  }
  return '';
}

function unit(value: unknown, name: string): Unit {
  const u = record(value, name);
  return { id: number(u['id'], `${name}.id`), name: optionalString(u['name'], `${name}.name`) ?? '' };
}

export function decodeReport(value: unknown, name = 'report'): ConcernReport {
  const r = record(value, name);
  return {
    id: number(r['id'], `${name}.id`),
    taskId: number(r['task_id'], `${name}.task_id`),
    fromUnit: unit(r['from_unit'], `${name}.from_unit`),
    toUnit: unit(r['to_unit'], `${name}.to_unit`),
    legalGround: optionalString(r['legal_ground'], `${name}.legal_ground`) ?? '',
    text: optionalString(r['text'], `${name}.text`) ?? '',
    filedAt: optionalString(r['filed_at'], `${name}.filed_at`) ?? '',
    filedBy: person(r['filed_by']),
    acknowledgedAt: optionalString(r['acknowledged_at'], `${name}.acknowledged_at`),
    acknowledgedBy: r['acknowledged_by'] === null || r['acknowledged_by'] === undefined ? null : person(r['acknowledged_by']),
    corrections:
      r['corrections'] === null || r['corrections'] === undefined
        ? []
        : array(r['corrections'], `${name}.corrections`, decodeCorrection),
  };
}

function decodeCorrection(value: unknown, name: string): ReportCorrection {
  const c = record(value, name);
  return {
    previousText: optionalString(c['previous_text'], `${name}.previous_text`) ?? '',
    reason: optionalString(c['reason'], `${name}.reason`) ?? '',
    correctedAt: optionalString(c['corrected_at'], `${name}.corrected_at`) ?? '',
    correctedBy: person(c['corrected_by']),
  };
}

export function decodeTask(value: unknown, name = 'task'): ConcernTask {
  const t = record(value, name);
  const source = t['source'] === null || t['source'] === undefined ? {} : record(t['source'], `${name}.source`);
  const report = t['report'];
  return {
    id: number(t['id'], `${name}.id`),
    compartment: optionalString(t['compartment'], `${name}.compartment`) ?? '',
    sourceType: optionalString(source['type'], `${name}.source.type`) ?? '',
    sourceId: optionalNumber(source['id'], `${name}.source.id`),
    operationId: optionalNumber(t['operation_id'], `${name}.operation_id`),
    municipalityCode: optionalString(t['municipality_code'], `${name}.municipality_code`),
    ageBand: optionalString(t['age_band'], `${name}.age_band`) ?? 'unknown',
    openedAt: optionalString(t['opened_at'], `${name}.opened_at`) ?? '',
    dueAt: optionalString(t['due_at'], `${name}.due_at`) ?? '',
    overdue: t['overdue'] === true,
    state: string(t['state'], `${name}.state`),
    assignedTo: person(t['assigned_to']),
    noReportReason: optionalString(t['no_report_reason'], `${name}.no_report_reason`),
    closedAt: optionalString(t['closed_at'], `${name}.closed_at`),
    report: report === null || report === undefined ? null : decodeReport(report, `${name}.report`),
  };
}

export function fetchOpenTasks(signal?: AbortSignal): Promise<ConcernTask[]> {
  return getJson(
    '/api/v1/concern-tasks?open=true',
    (v) => array(record(v, 'body')['tasks'], 'tasks', decodeTask),
    sig(signal),
  ).then((tasks) => tasks.filter((t) => t.state === 'open'));
}

export function fetchTask(id: string | number, signal?: AbortSignal): Promise<ConcernTask> {
  return getJson(`/api/v1/concern-tasks/${q(id)}`, (v) => decodeTask(v), sig(signal));
}

export function fileReport(id: number, body: { text: string; to_unit_id?: number }): Promise<ConcernTask> {
  return send('POST', `/api/v1/concern-tasks/${id}/report`, (v) => decodeTask(v), body);
}

export function recordNoReport(id: number, reason: string): Promise<ConcernTask> {
  return send('POST', `/api/v1/concern-tasks/${id}/no-report`, (v) => decodeTask(v), { reason });
}

/** Corrects a filed report: the earlier text is kept in its history with `reason`. */
export function correctReport(id: number, body: { text: string; reason: string }): Promise<ConcernTask> {
  return send('POST', `/api/v1/concern-tasks/${id}/report/corrections`, (v) => decodeTask(v), body);
}

export function fetchReceivedReports(signal?: AbortSignal): Promise<ConcernReport[]> {
  return getJson(
    '/api/v1/concern-reports',
    (v) => array(record(v, 'body')['reports'], 'reports', decodeReport),
    sig(signal),
  ).then((reports) =>
    [...reports].sort((a, b) => Number(a.acknowledgedAt !== null) - Number(b.acknowledgedAt !== null)),
  );
}

export function acknowledgeReport(id: number): Promise<ConcernReport> {
  return send('POST', `/api/v1/concern-reports/${id}/acknowledge`, (v) => decodeReport(v));
}

/** Roles that handle concern-report tasks. */
export const concernRoles = [
  'police_officer',
  'police_commander',
  // A confirmed possible minor in an ad opens a task for the analyst (docs/api.md "Ads").
  'police_analyst',
  'social_worker',
  'social_case_officer',
] as const;

export function handlesConcerns(role: string): boolean {
  return (concernRoles as readonly string[]).includes(role);
}
