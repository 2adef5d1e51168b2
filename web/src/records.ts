// Person-level records of each compartment (docs/api.md "Police compartment: encounters" and
// "Social-services compartment: contacts and support"). Every read gives a purpose; every POST
// that creates a record on the spot sends an Idempotency-Key (see retry.ts).
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

type WriteOptions = Pick<RequestOptions, 'headers' | 'signal'>;
const sig = (signal?: AbortSignal) => (signal ? { signal } : {});
const q = (value: string | number) => encodeURIComponent(String(value));

// Police: encounters

export interface Encounter {
  id: number;
  operationId: number | null;
  compartment: string;
  role: string;
  personId: number | null;
  age: number | null;
  ageBand: string;
  offence: string | null;
  caseNumber: string | null;
  notes: string;
  occurredAt: string;
  createdAt: string;
}

function decodeEncounter(value: unknown, name = 'encounter'): Encounter {
  const e = record(value, name);
  return {
    id: number(e['id'], `${name}.id`),
    operationId: optionalNumber(e['operation_id'], `${name}.operation_id`),
    compartment: optionalString(e['compartment'], `${name}.compartment`) ?? '',
    role: string(e['role'], `${name}.role`),
    personId: optionalNumber(e['person_id'], `${name}.person_id`),
    age: optionalNumber(e['age'], `${name}.age`),
    ageBand: optionalString(e['age_band'], `${name}.age_band`) ?? 'unknown',
    offence: optionalString(e['offence'], `${name}.offence`),
    caseNumber: optionalString(e['case_number'], `${name}.case_number`),
    notes: optionalString(e['notes'], `${name}.notes`) ?? '',
    occurredAt: optionalString(e['occurred_at'], `${name}.occurred_at`) ?? '',
    createdAt: optionalString(e['created_at'], `${name}.created_at`) ?? '',
  };
}

export interface NewEncounter {
  role: string;
  age?: number;
  age_band?: string;
  offence?: string;
  case_number?: string;
  notes?: string;
}

export function createEncounter(
  operationId: number,
  encounter: NewEncounter,
  options: WriteOptions,
): Promise<Encounter> {
  return send('POST', `/api/v1/operations/${operationId}/encounters`, (v) => decodeEncounter(v), encounter, options);
}

export function fetchOperationEncounters(
  operationId: number,
  purpose: string,
  signal?: AbortSignal,
): Promise<Encounter[]> {
  return getJson(
    `/api/v1/operations/${operationId}/encounters?purpose=${q(purpose)}`,
    (v) => array(record(v, 'body')['encounters'], 'encounters', decodeEncounter),
    sig(signal),
  );
}

export function fetchEncounter(id: string | number, purpose: string, signal?: AbortSignal): Promise<Encounter> {
  return getJson(`/api/v1/encounters/${q(id)}?purpose=${q(purpose)}`, (v) => decodeEncounter(v), sig(signal));
}

/** Absent fields stay as they are; an empty string clears the offence or the case number. */
export interface EncounterChanges {
  offence?: string;
  case_number?: string;
  notes?: string;
}

export function updateEncounter(id: number, changes: EncounterChanges): Promise<Encounter> {
  return send('PATCH', `/api/v1/encounters/${id}`, (v) => decodeEncounter(v), changes);
}

// Social services: contacts and what follows them

export interface Offer {
  id: number;
  contactId: number;
  kind: string;
  answer: string;
  createdAt: string;
  updatedAt: string;
}

export interface ReferralTransition {
  from: string;
  to: string;
  reason: string | null;
  at: string;
}

export interface Referral {
  id: number;
  contactId: number;
  kind: string;
  state: string;
  declineReason: string | null;
  dueOn: string | null;
  createdAt: string;
  updatedAt: string;
  transitions: ReferralTransition[];
}

export interface FollowUp {
  id: number;
  contactId: number;
  dueOn: string;
  assignedTo: number | null;
  outcome: string | null;
  doneAt: string | null;
  overdue: boolean;
}

export interface Consent {
  id: number;
  contactId: number;
  scope: string;
  form: string;
  givenAt: string;
  withdrawnAt: string | null;
}

export interface Contact {
  id: number;
  operationId: number | null;
  compartment: string;
  role: string;
  personId: number | null;
  age: number | null;
  ageBand: string;
  language: string | null;
  interpreter: boolean;
  notes: string;
  occurredAt: string;
  createdAt: string;
  offers: Offer[];
  referrals: Referral[];
  followUps: FollowUp[];
  consents: Consent[];
}

function list<T>(value: unknown, name: string, item: (value: unknown, name: string) => T): T[] {
  return value === undefined || value === null ? [] : array(value, name, item);
}

export function decodeOffer(value: unknown, name = 'offer'): Offer {
  const o = record(value, name);
  return {
    id: number(o['id'], `${name}.id`),
    contactId: number(o['contact_id'], `${name}.contact_id`),
    kind: string(o['kind'], `${name}.kind`),
    answer: string(o['answer'], `${name}.answer`),
    createdAt: optionalString(o['created_at'], `${name}.created_at`) ?? '',
    updatedAt: optionalString(o['updated_at'], `${name}.updated_at`) ?? '',
  };
}

export function decodeReferral(value: unknown, name = 'referral'): Referral {
  const r = record(value, name);
  return {
    id: number(r['id'], `${name}.id`),
    contactId: number(r['contact_id'], `${name}.contact_id`),
    kind: string(r['kind'], `${name}.kind`),
    state: string(r['state'], `${name}.state`),
    declineReason: optionalString(r['decline_reason'], `${name}.decline_reason`),
    dueOn: optionalString(r['due_on'], `${name}.due_on`),
    createdAt: optionalString(r['created_at'], `${name}.created_at`) ?? '',
    updatedAt: optionalString(r['updated_at'], `${name}.updated_at`) ?? '',
    transitions: list(r['transitions'], `${name}.transitions`, (t, n) => {
      const x = record(t, n);
      return {
        from: optionalString(x['from'], `${n}.from`) ?? '',
        to: string(x['to'], `${n}.to`),
        reason: optionalString(x['reason'], `${n}.reason`),
        at: optionalString(x['at'], `${n}.at`) ?? '',
      };
    }),
  };
}

export function decodeFollowUp(value: unknown, name = 'follow_up'): FollowUp {
  const f = record(value, name);
  return {
    id: number(f['id'], `${name}.id`),
    contactId: number(f['contact_id'], `${name}.contact_id`),
    dueOn: string(f['due_on'], `${name}.due_on`),
    assignedTo: optionalNumber(f['assigned_to'], `${name}.assigned_to`),
    outcome: optionalString(f['outcome'], `${name}.outcome`),
    doneAt: optionalString(f['done_at'], `${name}.done_at`),
    overdue: f['overdue'] === true,
  };
}

export function decodeConsent(value: unknown, name = 'consent'): Consent {
  const c = record(value, name);
  return {
    id: number(c['id'], `${name}.id`),
    contactId: number(c['contact_id'], `${name}.contact_id`),
    scope: string(c['scope'], `${name}.scope`),
    form: string(c['form'], `${name}.form`),
    givenAt: optionalString(c['given_at'], `${name}.given_at`) ?? '',
    withdrawnAt: optionalString(c['withdrawn_at'], `${name}.withdrawn_at`),
  };
}

export function decodeContact(value: unknown, name = 'contact'): Contact {
  const c = record(value, name);
  const interpreter = c['interpreter'];
  return {
    id: number(c['id'], `${name}.id`),
    operationId: optionalNumber(c['operation_id'], `${name}.operation_id`),
    compartment: optionalString(c['compartment'], `${name}.compartment`) ?? '',
    role: string(c['role'], `${name}.role`),
    personId: optionalNumber(c['person_id'], `${name}.person_id`),
    age: optionalNumber(c['age'], `${name}.age`),
    ageBand: optionalString(c['age_band'], `${name}.age_band`) ?? 'unknown',
    language: optionalString(c['language'], `${name}.language`),
    interpreter: interpreter === undefined || interpreter === null ? false : boolean(interpreter, `${name}.interpreter`),
    notes: optionalString(c['notes'], `${name}.notes`) ?? '',
    occurredAt: optionalString(c['occurred_at'], `${name}.occurred_at`) ?? '',
    createdAt: optionalString(c['created_at'], `${name}.created_at`) ?? '',
    offers: list(c['offers'], `${name}.offers`, decodeOffer),
    referrals: list(c['referrals'], `${name}.referrals`, decodeReferral),
    followUps: list(c['follow_ups'], `${name}.follow_ups`, decodeFollowUp),
    consents: list(c['consents'], `${name}.consents`, decodeConsent),
  };
}

export interface NewContact {
  operation_id?: number;
  role: string;
  age?: number;
  age_band?: string;
  language?: string;
  interpreter?: boolean;
  notes?: string;
}

export function createContact(contact: NewContact, options: WriteOptions): Promise<Contact> {
  return send('POST', '/api/v1/contacts', (v) => decodeContact(v), contact, options);
}

export function fetchContacts(
  query: { operationId?: number; purpose: string },
  signal?: AbortSignal,
): Promise<Contact[]> {
  const params = new URLSearchParams({ purpose: query.purpose });
  if (query.operationId !== undefined) params.set('operation_id', String(query.operationId));
  return getJson(
    `/api/v1/contacts?${params.toString()}`,
    (v) => array(record(v, 'body')['contacts'], 'contacts', decodeContact),
    sig(signal),
  );
}

export function fetchContact(id: string | number, purpose: string, signal?: AbortSignal): Promise<Contact> {
  return getJson(`/api/v1/contacts/${q(id)}?purpose=${q(purpose)}`, (v) => decodeContact(v), sig(signal));
}

export function createOffer(
  contactId: number,
  offer: { kind: string; answer: string },
  options: WriteOptions,
): Promise<Offer> {
  return send('POST', `/api/v1/contacts/${contactId}/offers`, (v) => decodeOffer(v), offer, options);
}

export function updateOffer(id: number, answer: string): Promise<Offer> {
  return send('PATCH', `/api/v1/offers/${id}`, (v) => decodeOffer(v), { answer });
}

export function createReferral(
  contactId: number,
  referral: { kind: string; due_on?: string },
  options: WriteOptions,
): Promise<Referral> {
  return send('POST', `/api/v1/contacts/${contactId}/referrals`, (v) => decodeReferral(v), referral, options);
}

export function moveReferral(id: number, to: string, reason?: string): Promise<Referral> {
  return send('POST', `/api/v1/referrals/${id}/transitions`, (v) => decodeReferral(v), {
    to,
    ...(reason !== undefined ? { reason } : {}),
  });
}

export function fetchOverdueReferrals(signal?: AbortSignal): Promise<Referral[]> {
  return getJson(
    '/api/v1/referrals?overdue=true',
    (v) => array(record(v, 'body')['referrals'], 'referrals', decodeReferral),
    sig(signal),
  );
}

export function createFollowUp(
  contactId: number,
  followUp: { due_on: string },
  options: WriteOptions,
): Promise<FollowUp> {
  return send('POST', `/api/v1/contacts/${contactId}/follow-ups`, (v) => decodeFollowUp(v), followUp, options);
}

export function recordOutcome(id: number, outcome: string): Promise<FollowUp> {
  return send('POST', `/api/v1/follow-ups/${id}/outcome`, (v) => decodeFollowUp(v), { outcome });
}

export function fetchOverdueFollowUps(signal?: AbortSignal): Promise<FollowUp[]> {
  return getJson(
    '/api/v1/follow-ups?overdue=true',
    (v) => array(record(v, 'body')['follow_ups'], 'follow_ups', decodeFollowUp),
    sig(signal),
  );
}

export function createConsent(
  contactId: number,
  consent: { scope: string; form: string },
  options: WriteOptions,
): Promise<Consent> {
  return send('POST', `/api/v1/contacts/${contactId}/consents`, (v) => decodeConsent(v), consent, options);
}

export function withdrawConsent(id: number): Promise<Consent> {
  return send('POST', `/api/v1/consents/${id}/withdraw`, (v) => decodeConsent(v));
}

/** Roles whose records are the police compartment's, and the social services'. */
export const policeRoles = ['police_officer', 'police_commander', 'police_analyst'] as const;
export const socialRoles = ['social_worker', 'social_case_officer'] as const;

export function isPoliceRole(role: string): boolean {
  return (policeRoles as readonly string[]).includes(role);
}

export function isSocialRole(role: string): boolean {
  return (socialRoles as readonly string[]).includes(role);
}
