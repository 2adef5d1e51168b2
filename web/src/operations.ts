// Operations, the joint space (docs/api.md "Operations (the joint space)"): plan, participants,
// targets, lifecycle, log; and the aggregated numbers (docs/api.md "Numbers").
import {
  array,
  boolean,
  getJson,
  number,
  optionalNumber,
  optionalString,
  record,
  send,
  string,
  type RequestOptions,
} from './api';
import { fetchMunicipalities, type Municipality } from './admin';
import { countNames, type Counts } from './codes';

let municipalities: Promise<Municipality[]> | null = null;

/** GET /api/v1/municipalities, asked once per page load (reference data). */
export function municipalitiesOnce(): Promise<Municipality[]> {
  if (!municipalities) {
    municipalities = fetchMunicipalities();
    municipalities.catch(() => {
      municipalities = null;
    });
  }
  return municipalities;
}

export interface Participant {
  userId: number;
  displayName: string;
  role: string;
  unitId: number;
  unitName: string;
  addedAt: string;
}

export interface Target {
  id: number;
  site: string;
  reference: string;
  addedAt: string;
}

export interface Transition {
  from: string;
  to: string;
  at: string;
  userId: number | null;
  userName: string;
}

export interface Operation {
  id: number;
  type: string;
  name: string;
  municipalityCode: string;
  place: string;
  plannedStart: string;
  plannedEnd: string;
  leadUnit: { id: number; name: string };
  state: string;
  createdAt: string;
  updatedAt: string;
  /** Empty in lists. */
  participants: Participant[];
  targets: Target[];
  transitions: Transition[];
  mayManage: boolean;
  /**
   * Whether the user may write the joint log, when the server says (it sends `may_write_log`
   * beside `may_manage`, not yet in docs/api.md); null: the interface decides by role and state.
   */
  mayWriteLog: boolean | null;
  /** Who planned it, when the server says (`created_by`, not yet in docs/api.md). */
  createdBy: string | null;
}

function optionalList<T>(
  value: unknown,
  name: string,
  item: (value: unknown, name: string) => T,
): T[] {
  return value === undefined || value === null ? [] : array(value, name, item);
}

function decodeParticipant(value: unknown, name: string): Participant {
  const p = record(value, name);
  return {
    userId: number(p['user_id'], `${name}.user_id`),
    displayName: optionalString(p['display_name'], `${name}.display_name`) ?? '',
    role: string(p['role'], `${name}.role`),
    unitId: number(p['unit_id'], `${name}.unit_id`),
    unitName: optionalString(p['unit_name'], `${name}.unit_name`) ?? '',
    addedAt: optionalString(p['added_at'], `${name}.added_at`) ?? '',
  };
}

function decodeTarget(value: unknown, name: string): Target {
  const t = record(value, name);
  return {
    id: number(t['id'], `${name}.id`),
    site: string(t['site'], `${name}.site`),
    reference: string(t['reference'], `${name}.reference`),
    addedAt: optionalString(t['added_at'], `${name}.added_at`) ?? '',
  };
}

function decodeTransition(value: unknown, name: string): Transition {
  const t = record(value, name);
  return {
    from: optionalString(t['from'], `${name}.from`) ?? '',
    to: string(t['to'], `${name}.to`),
    at: string(t['at'], `${name}.at`),
    userId: optionalNumber(t['user_id'], `${name}.user_id`),
    userName: optionalString(t['user_name'], `${name}.user_name`) ?? '',
  };
}

export function decodeOperation(value: unknown, name = 'operation'): Operation {
  const o = record(value, name);
  const lead = record(o['lead_unit'], `${name}.lead_unit`);
  return {
    id: number(o['id'], `${name}.id`),
    type: string(o['type'], `${name}.type`),
    name: string(o['name'], `${name}.name`),
    municipalityCode: string(o['municipality_code'], `${name}.municipality_code`),
    place: optionalString(o['place'], `${name}.place`) ?? '',
    plannedStart: string(o['planned_start'], `${name}.planned_start`),
    plannedEnd: string(o['planned_end'], `${name}.planned_end`),
    leadUnit: {
      id: number(lead['id'], `${name}.lead_unit.id`),
      name: optionalString(lead['name'], `${name}.lead_unit.name`) ?? '',
    },
    state: string(o['state'], `${name}.state`),
    createdAt: optionalString(o['created_at'], `${name}.created_at`) ?? '',
    updatedAt: optionalString(o['updated_at'], `${name}.updated_at`) ?? '',
    participants: optionalList(o['participants'], `${name}.participants`, decodeParticipant),
    targets: optionalList(o['targets'], `${name}.targets`, decodeTarget),
    transitions: optionalList(o['transitions'], `${name}.transitions`, decodeTransition),
    mayManage: o['may_manage'] === undefined ? false : boolean(o['may_manage'], `${name}.may_manage`),
    mayWriteLog:
      o['may_write_log'] === undefined || o['may_write_log'] === null
        ? null
        : boolean(o['may_write_log'], `${name}.may_write_log`),
    createdBy:
      o['created_by'] !== null && typeof o['created_by'] === 'object'
        ? optionalString((o['created_by'] as Record<string, unknown>)['display_name'], `${name}.created_by.display_name`)
        : null,
  };
}

const sig = (signal?: AbortSignal) => (signal ? { signal } : {});

export interface OperationQuery {
  state?: string;
  open?: boolean;
  mine?: boolean;
  endsAfter?: string;
  startsBefore?: string;
}

/** GET /api/v1/operations: the operations the user may read, newest first. */
export function fetchOperations(query: OperationQuery = {}, signal?: AbortSignal): Promise<Operation[]> {
  const params = new URLSearchParams();
  if (query.state) params.set('state', query.state);
  if (query.open) params.set('open', 'true');
  if (query.mine) params.set('mine', 'true');
  if (query.endsAfter) params.set('ends_after', query.endsAfter);
  if (query.startsBefore) params.set('starts_before', query.startsBefore);
  const q = params.toString();
  return getJson(
    `/api/v1/operations${q ? `?${q}` : ''}`,
    (v) => array(record(v, 'body')['operations'], 'operations', decodeOperation),
    sig(signal),
  );
}

export function fetchOperation(id: number | string, signal?: AbortSignal): Promise<Operation> {
  return getJson(`/api/v1/operations/${encodeURIComponent(String(id))}`, (v) => decodeOperation(v), sig(signal));
}

/** The fields of a plan, as the API names them. */
export interface Plan {
  type: string;
  name: string;
  municipality_code: string;
  place: string;
  planned_start: string;
  planned_end: string;
}

export function createOperation(plan: Plan): Promise<Operation> {
  return send('POST', '/api/v1/operations', (v) => decodeOperation(v), plan);
}

export function updateOperation(id: number, changes: Partial<Plan>): Promise<Operation> {
  return send('PATCH', `/api/v1/operations/${id}`, (v) => decodeOperation(v), changes);
}

export function moveOperation(id: number, to: string): Promise<Operation> {
  return send('POST', `/api/v1/operations/${id}/transitions`, (v) => decodeOperation(v), { to });
}

export interface Candidate {
  userId: number;
  displayName: string;
  role: string;
  unitId: number;
  unitName: string;
}

export function fetchCandidates(id: number, signal?: AbortSignal): Promise<Candidate[]> {
  return getJson(
    `/api/v1/operations/${id}/candidates`,
    (v) =>
      array(record(v, 'body')['candidates'], 'candidates', (c, name) => {
        const r = record(c, name);
        return {
          userId: number(r['user_id'], `${name}.user_id`),
          displayName: optionalString(r['display_name'], `${name}.display_name`) ?? '',
          role: string(r['role'], `${name}.role`),
          unitId: number(r['unit_id'], `${name}.unit_id`),
          unitName: optionalString(r['unit_name'], `${name}.unit_name`) ?? '',
        };
      }),
    sig(signal),
  );
}

export function addParticipant(id: number, userId: number): Promise<Operation> {
  return send('POST', `/api/v1/operations/${id}/participants`, (v) => decodeOperation(v), {
    user_id: userId,
  });
}

export function removeParticipant(id: number, userId: number): Promise<Operation> {
  return send('DELETE', `/api/v1/operations/${id}/participants/${userId}`, (v) => decodeOperation(v));
}

export function addTarget(id: number, site: string, reference: string): Promise<Operation> {
  return send('POST', `/api/v1/operations/${id}/targets`, (v) => decodeOperation(v), {
    site,
    reference,
  });
}

export function removeTarget(id: number, targetId: number): Promise<Operation> {
  return send('DELETE', `/api/v1/operations/${id}/targets/${targetId}`, (v) => decodeOperation(v));
}

export interface LogEntry {
  id: number;
  at: string;
  text: string;
  counts: Counts;
  author: { id: number | null; displayName: string };
  createdAt: string;
}

export function decodeCounts(value: unknown, name: string): Counts {
  const c = value === undefined || value === null ? {} : record(value, name);
  const out = {} as Counts;
  for (const key of countNames) out[key] = optionalNumber(c[key], `${name}.${key}`) ?? 0;
  return out;
}

function decodeLogEntry(value: unknown, name = 'entry'): LogEntry {
  const e = record(value, name);
  const author = e['author'] === undefined || e['author'] === null ? {} : record(e['author'], `${name}.author`);
  return {
    id: number(e['id'], `${name}.id`),
    at: string(e['at'], `${name}.at`),
    text: optionalString(e['text'], `${name}.text`) ?? '',
    counts: decodeCounts(e['counts'], `${name}.counts`),
    author: {
      id: optionalNumber(author['id'], `${name}.author.id`),
      displayName: optionalString(author['display_name'], `${name}.author.display_name`) ?? '',
    },
    createdAt: optionalString(e['created_at'], `${name}.created_at`) ?? '',
  };
}

export function fetchLog(id: number, signal?: AbortSignal): Promise<LogEntry[]> {
  return getJson(
    `/api/v1/operations/${id}/log`,
    (v) => array(record(v, 'body')['entries'], 'entries', decodeLogEntry),
    sig(signal),
  );
}

export interface NewLogEntry {
  text: string;
  counts?: Partial<Counts>;
  at?: string;
}

export function addLogEntry(
  id: number,
  entry: NewLogEntry,
  options: Pick<RequestOptions, 'headers' | 'signal'>,
): Promise<LogEntry> {
  return send('POST', `/api/v1/operations/${id}/log`, (v) => decodeLogEntry(v), entry, options);
}

// Numbers

export interface NumbersCells {
  values: (number | null)[];
  hidden: boolean[];
}

export interface NumbersRow extends NumbersCells {
  key: string;
  label: string;
}

export interface Numbers {
  groupBy: string;
  suppressed: boolean;
  minCell: number;
  columns: string[];
  rows: NumbersRow[];
  total: NumbersCells | null;
}

function decodeCells(value: unknown, name: string): NumbersCells {
  const r = record(value, name);
  const values = array(r['values'], `${name}.values`, (v, n) => optionalNumber(v, n));
  const hidden =
    r['hidden'] === undefined || r['hidden'] === null
      ? values.map(() => false)
      : array(r['hidden'], `${name}.hidden`, boolean);
  return { values, hidden };
}

export function decodeNumbers(value: unknown): Numbers {
  const n = record(value, 'numbers');
  const total = n['total'];
  return {
    groupBy: optionalString(n['group_by'], 'numbers.group_by') ?? '',
    suppressed: n['suppressed'] === true,
    minCell: optionalNumber(n['min_cell'], 'numbers.min_cell') ?? 5,
    columns: array(n['columns'], 'numbers.columns', string),
    rows: array(n['rows'], 'numbers.rows', (r, name) => {
      const row = record(r, name);
      return {
        key: String(row['key'] ?? ''),
        label: optionalString(row['label'], `${name}.label`) ?? String(row['key'] ?? ''),
        ...decodeCells(r, name),
      };
    }),
    total: total === undefined || total === null ? null : decodeCells(total, 'numbers.total'),
  };
}

export function fetchOperationNumbers(id: number, signal?: AbortSignal): Promise<Numbers> {
  return getJson(`/api/v1/operations/${id}/numbers`, decodeNumbers, sig(signal));
}

export interface NumbersQuery {
  groupBy: string;
  from?: string;
  to?: string;
  municipalityCode?: string;
}

export function fetchNumbers(query: NumbersQuery, signal?: AbortSignal): Promise<Numbers> {
  const params = new URLSearchParams({ group_by: query.groupBy });
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  if (query.municipalityCode) params.set('municipality_code', query.municipalityCode);
  return getJson(`/api/v1/numbers?${params.toString()}`, decodeNumbers, sig(signal));
}

/** Whether an operation's state is open (not closed). */
export function isOpen(operation: Pick<Operation, 'state'>): boolean {
  return operation.state !== 'closed';
}
