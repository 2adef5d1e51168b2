// Disclosures between agencies (uppgiftslämnande; docs/api.md "Disclosures"): the only way
// person-level data crosses from one compartment to another. A user chooses fields of a record of
// their own compartment, a receiving unit, a legal ground and a justification; the receiver sees a
// snapshot of exactly those fields. A ground that needs review waits for a second user's approval.
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
import { codeLabel } from './codes';
import type { I18n } from './i18n';
import { formatDateTime } from './time';

const sig = (signal?: AbortSignal) => (signal ? { signal } : {});
const q = (value: string | number) => encodeURIComponent(String(value));

export type RecordType = 'encounter' | 'contact';

export interface DisclosureUnit {
  id: number;
  name: string;
}

export interface DisclosedField {
  name: string;
  value: string;
}

export interface Disclosure {
  id: number;
  recordType: string;
  /** Only in the sending unit's view: the receiver never sees the sender's record id. */
  recordId: number | null;
  fromUnit: DisclosureUnit;
  fromCompartment: string;
  toUnit: DisclosureUnit;
  legalGround: string;
  needsReview: boolean;
  justification: string;
  /** "awaiting_approval", "sent", "rejected" (or a state this version does not know). */
  state: string;
  requestedAt: string;
  requestedBy: string;
  reviewedAt: string | null;
  reviewedBy: string | null;
  sentAt: string | null;
  fields: DisclosedField[];
  consentId: number | null;
  reviewNote: string | null;
}

export interface Ground {
  code: string;
  needsReview: boolean;
  /** The ground of the person's own consent: a recorded consent must cover the disclosure. */
  consent: boolean;
}

export interface RecordDisclosures {
  /** The fields of the record that have a value and may be disclosed, in the server's order,
   * with the values a disclosure made now would copy. */
  disclosableFields: DisclosedField[];
  /** The record's register, newest first. */
  disclosures: Disclosure[];
}

/** A person as the server names one: a name, or {"display_name"} / {"id"}. */
function person(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const name = o['display_name'] ?? o['name'] ?? o['username'] ?? o['id'];
    return name === undefined || name === null ? null : String(name);
  }
  return null;
}

function unit(value: unknown, name: string): DisclosureUnit {
  const u = record(value, name);
  return { id: number(u['id'], `${name}.id`), name: optionalString(u['name'], `${name}.name`) ?? '' };
}

function field(value: unknown, name: string): DisclosedField {
  const f = record(value, name);
  const v = f['value'];
  return {
    name: string(f['name'], `${name}.name`),
    value: v === null || v === undefined ? '' : typeof v === 'string' ? v : String(v),
  };
}

export function decodeDisclosure(value: unknown, name = 'disclosure'): Disclosure {
  const d = record(value, name);
  const needsReview = d['needs_review'];
  return {
    id: number(d['id'], `${name}.id`),
    recordType: optionalString(d['record_type'], `${name}.record_type`) ?? '',
    recordId: optionalNumber(d['record_id'], `${name}.record_id`),
    fromUnit: unit(d['from_unit'], `${name}.from_unit`),
    fromCompartment: optionalString(d['from_compartment'], `${name}.from_compartment`) ?? '',
    toUnit: unit(d['to_unit'], `${name}.to_unit`),
    legalGround: string(d['legal_ground'], `${name}.legal_ground`),
    needsReview: needsReview === undefined || needsReview === null ? false : boolean(needsReview, `${name}.needs_review`),
    justification: optionalString(d['justification'], `${name}.justification`) ?? '',
    state: string(d['state'], `${name}.state`),
    requestedAt: optionalString(d['requested_at'], `${name}.requested_at`) ?? '',
    requestedBy: person(d['requested_by']) ?? '',
    reviewedAt: optionalString(d['reviewed_at'], `${name}.reviewed_at`),
    reviewedBy: person(d['reviewed_by']),
    sentAt: optionalString(d['sent_at'], `${name}.sent_at`),
    fields:
      d['fields'] === undefined || d['fields'] === null ? [] : array(d['fields'], `${name}.fields`, field),
    consentId: optionalNumber(d['consent_id'], `${name}.consent_id`),
    reviewNote: optionalString(d['review_note'], `${name}.review_note`) || null,
  };
}

function decodeList(value: unknown): Disclosure[] {
  return array(record(value, 'body')['disclosures'], 'disclosures', decodeDisclosure);
}

function decodeGround(value: unknown, name: string): Ground {
  const g = record(value, name);
  return {
    code: string(g['code'], `${name}.code`),
    needsReview: g['needs_review'] === true,
    consent: g['consent'] === true,
  };
}

let grounds: Promise<Ground[]> | null = null;

/** GET /api/v1/disclosure-grounds, asked once per page load (configuration changes with a restart). */
export function fetchGrounds(): Promise<Ground[]> {
  if (!grounds) {
    grounds = getJson('/api/v1/disclosure-grounds', (v) =>
      array(record(v, 'body')['grounds'], 'grounds', decodeGround),
    );
    grounds.catch(() => {
      grounds = null; // ask again next time
    });
  }
  return grounds;
}

/** The register of one record of the caller's compartment, with its disclosable fields. */
export function fetchRecordDisclosures(
  type: RecordType,
  id: number,
  signal?: AbortSignal,
): Promise<RecordDisclosures> {
  return getJson(
    `/api/v1/disclosures?record_type=${q(type)}&record_id=${q(id)}`,
    (v) => {
      const body = record(v, 'body');
      return {
        disclosableFields: array(body['disclosable_fields'], 'disclosable_fields', field),
        disclosures: array(body['disclosures'], 'disclosures', decodeDisclosure),
      };
    },
    sig(signal),
  );
}

export interface NewDisclosure {
  record_type: RecordType;
  record_id: number;
  fields: string[];
  to_unit_id: number;
  legal_ground: string;
  justification: string;
}

export function createDisclosure(body: NewDisclosure): Promise<Disclosure> {
  return send('POST', '/api/v1/disclosures', (v) => decodeDisclosure(v), body);
}

export function fetchReceivedDisclosures(signal?: AbortSignal): Promise<Disclosure[]> {
  return getJson('/api/v1/disclosures/received', decodeList, sig(signal));
}

export function fetchAwaitingApproval(signal?: AbortSignal): Promise<Disclosure[]> {
  return getJson('/api/v1/disclosures/awaiting-approval', decodeList, sig(signal));
}

export function fetchDisclosure(id: string | number, signal?: AbortSignal): Promise<Disclosure> {
  return getJson(`/api/v1/disclosures/${q(id)}`, (v) => decodeDisclosure(v), sig(signal));
}

export function approveDisclosure(id: number, note: string): Promise<Disclosure> {
  return send('POST', `/api/v1/disclosures/${id}/approve`, (v) => decodeDisclosure(v), note ? { note } : {});
}

export function rejectDisclosure(id: number, note: string): Promise<Disclosure> {
  return send('POST', `/api/v1/disclosures/${id}/reject`, (v) => decodeDisclosure(v), { note });
}

/** At least this many characters in a justification and in the note of a rejection (docs/api.md). */
export const minJustification = 10;
export const minRejectNote = 10;

/** Roles that disclose from their records and see a record's register. */
export const disclosingRoles = [
  'police_officer',
  'police_commander',
  'social_worker',
  'social_case_officer',
] as const;

/** Roles that receive disclosures: every person-level role. */
export const receivingRoles = [...disclosingRoles, 'police_analyst'] as const;

/** Roles that approve or reject disclosures awaiting review (not their own). */
export const reviewerRoles = ['police_commander', 'social_case_officer'] as const;

export function mayDisclose(role: string): boolean {
  return (disclosingRoles as readonly string[]).includes(role);
}

export function mayReceive(role: string): boolean {
  return (receivingRoles as readonly string[]).includes(role);
}

export function mayReview(role: string): boolean {
  return (reviewerRoles as readonly string[]).includes(role);
}

/** The word for a disclosed field's name ("Ålder"); an unknown name as it is. */
export function fieldLabel(t: I18n['t'], name: string): string {
  return codeLabel(t, 'disclosureField', name);
}

/**
 * A field's value in words: codes translated (role, age band, offence, language, offers), times in
 * Swedish time; anything else as the server sends it.
 */
export function fieldValue(i18n: I18n, recordType: string, name: string, value: string): string {
  const { t, lang } = i18n;
  switch (name) {
    case 'occurred_at':
      return formatDateTime(lang, value);
    case 'role':
      return codeLabel(t, recordType === 'encounter' ? 'encounterRole' : 'contactRole', value);
    case 'age_band':
      return codeLabel(t, 'ageBand', value);
    case 'offence':
      return codeLabel(t, 'offence', value);
    case 'language':
      return codeLabel(t, 'spokenLanguage', value);
    case 'interpreter':
      return value === 'yes' ? t('contact.interpreterYes') : value === 'no' ? t('contact.interpreterNo') : value;
    case 'offers':
      // "kind: answer; kind: answer"
      return value
        .split(';')
        .map((part) => {
          const [kind = '', answer = ''] = part.split(':').map((s) => s.trim());
          return answer ? `${codeLabel(t, 'offer', kind)}: ${codeLabel(t, 'answer', answer)}` : codeLabel(t, 'offer', kind);
        })
        .join('; ');
    default:
      return value;
  }
}
