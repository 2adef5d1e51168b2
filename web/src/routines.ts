// Written routines and operation checklists (docs/api.md "Routines and checklists"): the county's
// routines, their versions as documents (format in src/routines/routine_document.h), adopting a
// library routine, deviations per step; the checklist of an operation with sign-offs and
// deviations.
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
} from './api';

export const phases = ['before', 'during', 'after'] as const;
export type Phase = (typeof phases)[number];
export const agencies = ['police', 'social', 'both'] as const;
export type Agency = (typeof agencies)[number];

/** Roles that write their own unit's routines (and the coordinator the region's library). */
export const routineWriters = ['coordinator', 'police_commander', 'social_case_officer'] as const;
/** Roles that read the county's routines. */
export const routineReaders = [
  'police_officer',
  'police_commander',
  'police_analyst',
  'social_worker',
  'social_case_officer',
  'coordinator',
] as const;

export function mayWriteRoutines(role: string): boolean {
  return (routineWriters as readonly string[]).includes(role);
}

export interface Step {
  id: number;
  position: number;
  /** "before", "during", "after" (or a phase this version does not know). */
  phase: string;
  /** "police", "social", "both". */
  agency: string;
  required: boolean;
  text: string;
}

export interface RoutineVersion {
  id: number;
  routineId: number;
  version: number;
  title: string;
  validFrom: string;
  /** Empty in the list of versions. */
  source: string;
  description: string;
  createdAt: string;
  createdBy: string;
  steps: Step[];
}

export interface RoutineSummary {
  id: number;
  ownerUnit: { id: number; name: string; kind: string };
  title: string;
  latestVersion: number;
  validFrom: string;
  adoptedFrom: { routineId: number; version: number } | null;
  mayEdit: boolean;
  updatedAt: string;
}

export interface Mark {
  outcome: 'signed' | 'deviation' | string;
  reason: string;
  at: string;
  userId: number | null;
  userName: string;
  unitName: string;
}

export interface ChecklistItem extends Step {
  mark: Mark | null;
}

export interface Checklist {
  operationId: number;
  routineId: number;
  version: number;
  title: string;
  validFrom: string;
  items: ChecklistItem[];
  openRequired: number;
  maySign: boolean;
  mayAttach: boolean;
}

export interface StepDeviations {
  phase: string;
  text: string;
  required: boolean;
  operations: number;
  deviations: number;
  reasons: string[];
}

function decodeStep(value: unknown, name: string): Step {
  const s = record(value, name);
  return {
    id: number(s['id'], `${name}.id`),
    position: optionalNumber(s['position'], `${name}.position`) ?? 0,
    phase: string(s['phase'], `${name}.phase`),
    agency: string(s['agency'], `${name}.agency`),
    required: s['required'] === true,
    text: string(s['text'], `${name}.text`),
  };
}

export function decodeVersion(value: unknown, name = 'routine_version'): RoutineVersion {
  const v = record(value, name);
  const steps = v['steps'];
  return {
    id: number(v['id'], `${name}.id`),
    routineId: number(v['routine_id'], `${name}.routine_id`),
    version: number(v['version'], `${name}.version`),
    title: string(v['title'], `${name}.title`),
    validFrom: optionalString(v['valid_from'], `${name}.valid_from`) ?? '',
    source: optionalString(v['source'], `${name}.source`) ?? '',
    description: optionalString(v['description'], `${name}.description`) ?? '',
    createdAt: optionalString(v['created_at'], `${name}.created_at`) ?? '',
    createdBy: optionalString(v['created_by'], `${name}.created_by`) ?? '',
    steps: steps === undefined || steps === null ? [] : array(steps, `${name}.steps`, decodeStep),
  };
}

function decodeSummary(value: unknown, name: string): RoutineSummary {
  const r = record(value, name);
  const owner = record(r['owner_unit'], `${name}.owner_unit`);
  const adopted = r['adopted_from'];
  let adoptedFrom: RoutineSummary['adoptedFrom'] = null;
  if (adopted !== null && adopted !== undefined) {
    const a = record(adopted, `${name}.adopted_from`);
    adoptedFrom = {
      routineId: number(a['routine_id'], `${name}.adopted_from.routine_id`),
      version: number(a['version'], `${name}.adopted_from.version`),
    };
  }
  return {
    id: number(r['id'], `${name}.id`),
    ownerUnit: {
      id: number(owner['id'], `${name}.owner_unit.id`),
      name: optionalString(owner['name'], `${name}.owner_unit.name`) ?? '',
      kind: optionalString(owner['kind'], `${name}.owner_unit.kind`) ?? '',
    },
    title: string(r['title'], `${name}.title`),
    latestVersion: number(r['latest_version'], `${name}.latest_version`),
    validFrom: optionalString(r['valid_from'], `${name}.valid_from`) ?? '',
    adoptedFrom,
    mayEdit: r['may_edit'] === true,
    updatedAt: optionalString(r['updated_at'], `${name}.updated_at`) ?? '',
  };
}

function decodeMark(value: unknown, name: string): Mark | null {
  if (value === null || value === undefined) return null;
  const m = record(value, name);
  return {
    outcome: string(m['outcome'], `${name}.outcome`),
    reason: optionalString(m['reason'], `${name}.reason`) ?? '',
    at: optionalString(m['at'], `${name}.at`) ?? '',
    userId: optionalNumber(m['user_id'], `${name}.user_id`),
    userName: optionalString(m['user_name'], `${name}.user_name`) ?? '',
    unitName: optionalString(m['unit_name'], `${name}.unit_name`) ?? '',
  };
}

export function decodeChecklist(value: unknown, name = 'checklist'): Checklist {
  const c = record(value, name);
  return {
    operationId: number(c['operation_id'], `${name}.operation_id`),
    routineId: number(c['routine_id'], `${name}.routine_id`),
    version: number(c['version'], `${name}.version`),
    title: string(c['title'], `${name}.title`),
    validFrom: optionalString(c['valid_from'], `${name}.valid_from`) ?? '',
    items: array(c['items'], `${name}.items`, (item, n) => ({
      ...decodeStep(item, n),
      mark: decodeMark(record(item, n)['mark'], `${n}.mark`),
    })),
    openRequired: optionalNumber(c['open_required'], `${name}.open_required`) ?? 0,
    maySign: c['may_sign'] === undefined ? false : boolean(c['may_sign'], `${name}.may_sign`),
    mayAttach: c['may_attach'] === undefined ? false : boolean(c['may_attach'], `${name}.may_attach`),
  };
}

const sig = (signal?: AbortSignal) => (signal ? { signal } : {});
const routinePath = (id: number | string) => `/api/v1/routines/${encodeURIComponent(String(id))}`;

/** GET /api/v1/routines: the county's routines, the region's library first. */
export function fetchRoutines(signal?: AbortSignal): Promise<RoutineSummary[]> {
  return getJson(
    '/api/v1/routines',
    (v) => array(record(v, 'body')['routines'], 'routines', decodeSummary),
    sig(signal),
  );
}

/** GET /api/v1/routines/template: the shipped document to start from. */
export function fetchTemplate(signal?: AbortSignal): Promise<string> {
  return getJson('/api/v1/routines/template', (v) => string(record(v, 'body')['source'], 'source'), sig(signal));
}

/** The latest version (`version` null) or the given version of a routine, with its steps. */
export function fetchVersion(
  id: number | string,
  version: number | string | null,
  signal?: AbortSignal,
): Promise<RoutineVersion> {
  const path =
    version === null
      ? routinePath(id)
      : `${routinePath(id)}/versions/${encodeURIComponent(String(version))}`;
  return getJson(path, (v) => decodeVersion(v), sig(signal));
}

/** Every version of a routine, newest first, without source and steps. */
export function fetchVersions(id: number | string, signal?: AbortSignal): Promise<RoutineVersion[]> {
  return getJson(
    `${routinePath(id)}/versions`,
    (v) => array(record(v, 'body')['versions'], 'versions', decodeVersion),
    sig(signal),
  );
}

/** POST /api/v1/routines: version 1 of a new routine of the caller's unit. */
export function createRoutine(source: string): Promise<RoutineVersion> {
  return send('POST', '/api/v1/routines', (v) => decodeVersion(v), { source });
}

/** POST /api/v1/routines/{id}/versions: the next version. */
export function reviseRoutine(id: number | string, source: string): Promise<RoutineVersion> {
  return send('POST', `${routinePath(id)}/versions`, (v) => decodeVersion(v), { source });
}

/** POST /api/v1/routines/{id}/adopt: a copy of the latest version as the caller's unit's own. */
export function adoptRoutine(id: number): Promise<RoutineVersion> {
  return send('POST', `${routinePath(id)}/adopt`, (v) => decodeVersion(v));
}

export function fetchDeviations(id: number | string, signal?: AbortSignal): Promise<StepDeviations[]> {
  return getJson(
    `${routinePath(id)}/deviations`,
    (v) =>
      array(record(v, 'body')['steps'], 'steps', (s, name) => {
        const d = record(s, name);
        return {
          phase: string(d['phase'], `${name}.phase`),
          text: string(d['text'], `${name}.text`),
          required: d['required'] === true,
          operations: optionalNumber(d['operations'], `${name}.operations`) ?? 0,
          deviations: optionalNumber(d['deviations'], `${name}.deviations`) ?? 0,
          reasons:
            d['reasons'] === undefined || d['reasons'] === null
              ? []
              : array(d['reasons'], `${name}.reasons`, string),
        };
      }),
    sig(signal),
  );
}

/** Where a version's PDF is (GET …/versions/{v}/pdf). */
export function versionPdfPath(id: number, version: number): string {
  return `${routinePath(id)}/versions/${version}/pdf`;
}

// Checklists

const checklistPath = (operationId: number) => `/api/v1/operations/${operationId}/checklist`;

/** GET …/checklist: the operation's checklist, or null when no routine is attached. */
export function fetchChecklist(operationId: number, signal?: AbortSignal): Promise<Checklist | null> {
  return getJson(
    checklistPath(operationId),
    (v) => {
      const c = record(v, 'body')['checklist'];
      return c === null || c === undefined ? null : decodeChecklist(c);
    },
    sig(signal),
  );
}

/** PUT …/checklist: attaches the latest version of a routine. */
export function attachRoutine(operationId: number, routineId: number): Promise<Checklist> {
  return send('PUT', checklistPath(operationId), (v) => decodeChecklist(v), { routine_id: routineId });
}

export function signStep(operationId: number, stepId: number): Promise<Checklist> {
  return send('POST', `${checklistPath(operationId)}/steps/${stepId}/sign`, (v) => decodeChecklist(v));
}

export function markDeviation(operationId: number, stepId: number, reason: string): Promise<Checklist> {
  return send('POST', `${checklistPath(operationId)}/steps/${stepId}/deviation`, (v) => decodeChecklist(v), {
    reason,
  });
}

export function checklistPdfPath(operationId: number): string {
  return `${checklistPath(operationId)}/pdf`;
}

/** The agency a role acts for: police roles the police, social roles the social services. */
export function agencyOfRole(role: string): Agency | null {
  if (role.startsWith('police_')) return 'police';
  if (role === 'social_worker' || role === 'social_case_officer') return 'social';
  return null;
}

/** Whether a user of `role` signs steps of `agency` ("both": either agency). */
export function agencyMatches(role: string, agency: string): boolean {
  const own = agencyOfRole(role);
  if (own === null) return false;
  return agency === 'both' || agency === own;
}

/** The number of the first line of a "line N: expected …" message of the parser, or null. */
export function lineOfSourceError(message: string): number | null {
  const m = /^line (\d+):/.exec(message);
  return m ? Number(m[1]) : null;
}

/** Free text as paragraphs: blank lines separate them, single line breaks join. No markup. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .join(' '),
    )
    .filter((p) => p !== '');
}
