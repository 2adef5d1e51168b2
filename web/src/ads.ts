// The ad monitoring engine (docs/api.md "Ads"): the triage queue, an ad with what was read from
// it, a linked group, triage decisions and notes, counts of active ads, and the import of a
// JSON Lines file. Ads are public material; decisions and notes belong to the compartment of the
// user who makes them, and the server returns only the caller's own.
import {
  array,
  getJson,
  number,
  optionalNumber,
  optionalString,
  record,
  send,
  string,
  upload,
  type Decoder,
} from './api';
import type { Role } from './roles';

const sig = (signal?: AbortSignal) => (signal ? { signal } : {});
const q = (value: string | number) => encodeURIComponent(String(value));

/** Roles that read ads and triage them (docs/api.md: "Readers"). */
export const adReaders: readonly Role[] = [
  'police_officer',
  'police_commander',
  'police_analyst',
  'social_worker',
  'social_case_officer',
];

/** Roles that read the counts of active ads: the readers and the regional coordinator. */
export const adCountReaders: readonly Role[] = [...adReaders, 'coordinator'];

/** Roles that import ad files. */
export const adImporters: readonly Role[] = ['police_analyst'];

export function mayImportAds(role: string): boolean {
  return (adImporters as readonly string[]).includes(role);
}

/** The indicators the interface has words for, strongest evidence first (docs/indicators.md). */
export const knownIndicators = [
  'possible_minor',
  'obfuscated_phone',
  'shared_contact',
  'multi_city',
  'trust_language',
  'area_mismatch',
] as const;

/** The decisions of a triage, in the order of the form. */
export const decisions = ['not_relevant', 'follow_up', 'target', 'confirmed_minor'] as const;
export type Decision = (typeof decisions)[number];

/** The kinds of highlighted text on an ad's page, in the order of the legend. */
export const highlightKinds = [
  'age',
  'child_wording',
  'phone',
  'email',
  'price',
  'place',
  'trust_language',
] as const;

/** Longest note of a triage and of a note, in bytes of UTF-8 (docs/api.md). */
export const maxTriageNoteBytes = 2000;
export const maxNoteBytes = 4000;

/** Ads a page of the queue shows. */
export const queuePageSize = 25;

export const periods = ['day', 'week', 'month'] as const;
export type Period = (typeof periods)[number];

/** An id as the server sends it (a number or a string), kept as text for addresses. */
export type Id = string;

export interface AdMunicipality {
  code: string;
  name: string;
}

export interface Triage {
  decision: string;
  note: string;
  at: string;
  by: string;
  /** The concern task a `confirmed_minor` opened in the caller's compartment. */
  concernTaskId: Id | null;
}

export interface Note {
  id: Id;
  text: string;
  at: string;
  by: string;
}

export interface Ad {
  id: Id;
  site: string;
  adId: string;
  kind: string;
  title: string;
  firstSeen: string;
  lastSeen: string;
  municipality: AdMunicipality | null;
  language: string | null;
  ages: number[];
  phones: string[];
  indicators: string[];
  weight: number;
  templateId: Id | null;
  groupId: Id | null;
  groupSize: number;
  /** The caller's compartment's latest decision. */
  triage: Triage | null;
}

export interface Price {
  amount: number;
  currency: string;
  minutes: number | null;
}

export interface Highlight {
  field: 'title' | 'body';
  /** Offsets in UTF-16 code units of the field's text, as JavaScript strings count. */
  start: number;
  end: number;
  kind: string;
  value: string;
}

/** A short reference to another ad. */
export interface AdRef {
  id: Id;
  site: string;
  adId: string;
}

export interface AdLink {
  kind: string;
  value: string;
  ad: AdRef;
}

export interface AdDetail extends Ad {
  url: string | null;
  location: string | null;
  body: string;
  emails: string[];
  prices: Price[];
  /** How many images the ad has. */
  images: number;
  highlights: Highlight[];
  links: AdLink[];
  triageHistory: Triage[];
  notes: Note[];
}

export interface ContactCount {
  value: string;
  ads: number;
}

export interface GroupMunicipality {
  code: string;
  name: string;
  ads: number;
}

export interface TimelineEntry {
  ad: Id;
  municipality: AdMunicipality | null;
  firstSeen: string;
  lastSeen: string;
}

export interface GroupLink {
  ad: Id;
  with: Id;
  kind: string;
  value: string;
}

export interface Group {
  id: Id;
  ads: Ad[];
  phones: ContactCount[];
  emails: ContactCount[];
  municipalities: GroupMunicipality[];
  timeline: TimelineEntry[];
  links: GroupLink[];
}

export interface CountRow {
  period: string;
  municipality: string;
  activeAds: number;
  uniquePhones: number;
  groups: number;
}

export interface OperationDate {
  id: Id;
  municipality: string;
  date: string;
}

export interface AdCounts {
  period: string;
  rows: CountRow[];
  operations: OperationDate[];
}

export interface ImportError {
  line: number;
  field: string | null;
  message: string;
}

export interface ImportResult {
  lines: number;
  badLines: number;
  adsNew: number;
  adsUpdated: number;
  templates: number;
  groups: number;
  errors: ImportError[];
}

// Decoders. Fields the contract names are required; lists and texts that a server may leave out
// are read as empty.

function id(value: unknown, name: string): Id {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return string(value, name);
}

function optionalId(value: unknown, name: string): Id | null {
  return value === null || value === undefined ? null : id(value, name);
}

function list<T>(value: unknown, name: string, item: (value: unknown, name: string) => T): T[] {
  return value === null || value === undefined ? [] : array(value, name, item);
}

function text(value: unknown, name: string): string {
  return optionalString(value, name) ?? '';
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

function municipality(value: unknown, name: string): AdMunicipality | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') return { code: value, name: value };
  const m = record(value, name);
  const code = string(m['code'], `${name}.code`);
  return { code, name: optionalString(m['name'], `${name}.name`) ?? code };
}

export function decodeTriage(value: unknown, name = 'triage'): Triage {
  const t = record(value, name);
  return {
    decision: string(t['decision'], `${name}.decision`),
    note: text(t['note'], `${name}.note`),
    at: text(t['at'], `${name}.at`),
    by: person(t['by']),
    concernTaskId: optionalId(t['concern_task_id'], `${name}.concern_task_id`),
  };
}

export function decodeNote(value: unknown, name = 'note'): Note {
  const n = record(value, name);
  return {
    id: id(n['id'], `${name}.id`),
    text: string(n['text'], `${name}.text`),
    at: text(n['at'], `${name}.at`),
    by: person(n['by']),
  };
}

function adFields(a: Record<string, unknown>, name: string): Ad {
  const triage = a['triage'];
  return {
    id: id(a['id'], `${name}.id`),
    site: string(a['site'], `${name}.site`),
    adId: id(a['ad_id'], `${name}.ad_id`),
    kind: text(a['kind'], `${name}.kind`),
    title: text(a['title'], `${name}.title`),
    firstSeen: text(a['first_seen'], `${name}.first_seen`),
    lastSeen: text(a['last_seen'], `${name}.last_seen`),
    municipality: municipality(a['municipality'], `${name}.municipality`),
    language: optionalString(a['language'], `${name}.language`) || null,
    ages: list(a['ages'], `${name}.ages`, number),
    phones: list(a['phones'], `${name}.phones`, string),
    indicators: list(a['indicators'], `${name}.indicators`, string),
    weight: optionalNumber(a['weight'], `${name}.weight`) ?? 0,
    templateId: optionalId(a['template_id'], `${name}.template_id`),
    groupId: optionalId(a['group_id'], `${name}.group_id`),
    groupSize: optionalNumber(a['group_size'], `${name}.group_size`) ?? 1,
    triage: triage === null || triage === undefined ? null : decodeTriage(triage, `${name}.triage`),
  };
}

export function decodeAd(value: unknown, name = 'ad'): Ad {
  return adFields(record(value, name), name);
}

function adRef(value: unknown, name: string): AdRef {
  if (typeof value === 'number' || typeof value === 'string') {
    return { id: id(value, name), site: '', adId: '' };
  }
  const r = record(value, name);
  return {
    id: id(r['id'], `${name}.id`),
    site: text(r['site'], `${name}.site`),
    adId: r['ad_id'] === null || r['ad_id'] === undefined ? '' : id(r['ad_id'], `${name}.ad_id`),
  };
}

function imageCount(value: unknown, name: string): number {
  if (value === null || value === undefined) return 0;
  if (Array.isArray(value)) return value.length;
  return number(value, name);
}

export function decodeAdDetail(value: unknown, name = 'ad'): AdDetail {
  const a = record(value, name);
  return {
    ...adFields(a, name),
    url: optionalString(a['url'], `${name}.url`) || null,
    location: optionalString(a['location'], `${name}.location`) || null,
    body: text(a['body'], `${name}.body`),
    emails: list(a['emails'], `${name}.emails`, string),
    prices: list(a['prices'], `${name}.prices`, (v, n) => {
      const p = record(v, n);
      return {
        amount: number(p['amount'], `${n}.amount`),
        currency: text(p['currency'], `${n}.currency`),
        minutes: optionalNumber(p['minutes'], `${n}.minutes`),
      };
    }),
    images: imageCount(a['images'], `${name}.images`),
    highlights: list(a['highlights'], `${name}.highlights`, (v, n) => {
      const h = record(v, n);
      const field = string(h['field'], `${n}.field`);
      return {
        field: field === 'title' ? 'title' : 'body',
        start: number(h['start'], `${n}.start`),
        end: number(h['end'], `${n}.end`),
        kind: string(h['kind'], `${n}.kind`),
        value: text(h['value'], `${n}.value`),
      };
    }),
    links: list(a['links'], `${name}.links`, (v, n) => {
      const l = record(v, n);
      return {
        kind: string(l['kind'], `${n}.kind`),
        value: text(l['value'], `${n}.value`),
        ad: adRef(l['ad'], `${n}.ad`),
      };
    }),
    triageHistory: list(a['triage_history'], `${name}.triage_history`, decodeTriage),
    notes: list(a['notes'], `${name}.notes`, decodeNote),
  };
}

function contactCount(value: unknown, name: string): ContactCount {
  const c = record(value, name);
  return { value: string(c['value'], `${name}.value`), ads: number(c['ads'], `${name}.ads`) };
}

export function decodeGroup(value: unknown, name = 'group'): Group {
  const g = record(value, name);
  return {
    id: id(g['id'], `${name}.id`),
    ads: list(g['ads'], `${name}.ads`, decodeAd),
    phones: list(g['phones'], `${name}.phones`, contactCount),
    emails: list(g['emails'], `${name}.emails`, contactCount),
    municipalities: list(g['municipalities'], `${name}.municipalities`, (v, n) => {
      const m = record(v, n);
      const code = text(m['code'], `${n}.code`);
      return {
        code,
        name: optionalString(m['name'], `${n}.name`) ?? code,
        ads: number(m['ads'], `${n}.ads`),
      };
    }),
    timeline: list(g['timeline'], `${name}.timeline`, (v, n) => {
      const e = record(v, n);
      return {
        ad: adRef(e['ad'], `${n}.ad`).id,
        municipality: municipality(e['municipality'], `${n}.municipality`),
        firstSeen: string(e['first_seen'], `${n}.first_seen`),
        lastSeen: string(e['last_seen'], `${n}.last_seen`),
      };
    }),
    links: list(g['links'], `${name}.links`, (v, n) => {
      const l = record(v, n);
      return {
        ad: adRef(l['ad'], `${n}.ad`).id,
        with: adRef(l['with'], `${n}.with`).id,
        kind: string(l['kind'], `${n}.kind`),
        value: text(l['value'], `${n}.value`),
      };
    }),
  };
}

export function decodeCounts(value: unknown): AdCounts {
  const body = record(value, 'counts');
  return {
    period: text(body['period'], 'period'),
    rows: list(body['rows'], 'rows', (v, n) => {
      const r = record(v, n);
      return {
        period: string(r['period'], `${n}.period`),
        municipality: text(r['municipality'], `${n}.municipality`),
        activeAds: number(r['active_ads'], `${n}.active_ads`),
        uniquePhones: number(r['unique_phones'], `${n}.unique_phones`),
        groups: number(r['groups'], `${n}.groups`),
      };
    }),
    operations: list(body['operations'], 'operations', (v, n) => {
      const o = record(v, n);
      return {
        id: id(o['id'], `${n}.id`),
        municipality: text(o['municipality'], `${n}.municipality`),
        date: string(o['date'], `${n}.date`).slice(0, 10),
      };
    }),
  };
}

export const decodeImportResult: Decoder<ImportResult> = (value) => {
  const body = record(value, 'import');
  return {
    lines: number(body['lines'], 'lines'),
    badLines: number(body['bad_lines'], 'bad_lines'),
    adsNew: number(body['ads_new'], 'ads_new'),
    adsUpdated: number(body['ads_updated'], 'ads_updated'),
    templates: optionalNumber(body['templates'], 'templates') ?? 0,
    groups: optionalNumber(body['groups'], 'groups') ?? 0,
    errors: list(body['errors'], 'errors', (v, n) => {
      const e = record(v, n);
      return {
        line: number(e['line'], `${n}.line`),
        field: optionalString(e['field'], `${n}.field`) || null,
        message: text(e['message'], `${n}.message`),
      };
    }),
  };
};

// Requests.

export interface AdQuery {
  /** Also the ads the caller's compartment has decided on. */
  all?: boolean;
  municipality?: string;
  indicator?: string;
  group?: string;
  limit?: number;
  offset?: number;
}

export interface AdPage {
  ads: Ad[];
  total: number;
}

/** GET /api/v1/ads: the triage queue, possible minors first, then by weight. */
export function fetchAds(query: AdQuery = {}, signal?: AbortSignal): Promise<AdPage> {
  const params = new URLSearchParams();
  params.set('status', query.all ? 'all' : 'untriaged');
  if (query.municipality) params.set('municipality', query.municipality);
  if (query.indicator) params.set('indicator', query.indicator);
  if (query.group) params.set('group', query.group);
  params.set('limit', String(query.limit ?? queuePageSize));
  if (query.offset) params.set('offset', String(query.offset));
  return getJson(
    `/api/v1/ads?${params.toString()}`,
    (v) => {
      const body = record(v, 'body');
      const ads = array(body['ads'], 'ads', decodeAd);
      return { ads, total: optionalNumber(body['total'], 'total') ?? ads.length };
    },
    sig(signal),
  );
}

export function fetchAd(adId: Id, signal?: AbortSignal): Promise<AdDetail> {
  return getJson(`/api/v1/ads/${q(adId)}`, (v) => decodeAdDetail(v), sig(signal));
}

export function fetchGroup(groupId: Id, signal?: AbortSignal): Promise<Group> {
  return getJson(`/api/v1/ad-groups/${q(groupId)}`, (v) => decodeGroup(v), sig(signal));
}

/** POST /api/v1/ads/{id}/triage; a `confirmed_minor` answers with the concern task it opened. */
export function triageAd(adId: Id, decision: string, note: string): Promise<Triage> {
  const body: Record<string, string> = { decision };
  if (note) body['note'] = note;
  return send('POST', `/api/v1/ads/${q(adId)}/triage`, (v) => decodeTriage(v), body);
}

export function addAdNote(adId: Id, noteText: string): Promise<Note> {
  return send('POST', `/api/v1/ads/${q(adId)}/notes`, (v) => decodeNote(v), { text: noteText });
}

export interface CountsQuery {
  period: string;
  municipalities?: readonly string[];
  from?: string;
  to?: string;
}

/** GET /api/v1/ads/counts: active ads, unique phones and groups per period and municipality. */
export function fetchAdCounts(query: CountsQuery, signal?: AbortSignal): Promise<AdCounts> {
  const params = new URLSearchParams({ period: query.period });
  for (const code of query.municipalities ?? []) params.append('municipality', code);
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  return getJson(`/api/v1/ads/counts?${params.toString()}`, decodeCounts, sig(signal));
}

/** POST /api/v1/ads/import of a JSON Lines file, with the upload's progress. */
export function importAds(
  file: Blob,
  onProgress: (sent: number, total: number) => void,
  signal?: AbortSignal,
): Promise<ImportResult> {
  return upload('/api/v1/ads/import', file, 'application/x-ndjson', decodeImportResult, {
    onProgress,
    ...sig(signal),
  });
}

/** The length of a text in bytes of UTF-8, as the server's limits count. */
export function utf8Length(value: string): number {
  return new TextEncoder().encode(value).length;
}

/** Whether an ad is flagged as a possible minor. */
export function isPossibleMinor(ad: Pick<Ad, 'indicators'>): boolean {
  return ad.indicators.includes('possible_minor');
}
