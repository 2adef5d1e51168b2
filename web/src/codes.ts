// The code lists of the operations and support (docs/api.md "Code lists") and their words. The
// configured codes come from GET /api/v1/code-lists; the texts live in i18n/ under a prefix per
// list ("operationType.sex_purchase"). A code the interface has no text for is shown as it is.
import { array, getJson, record, string } from './api';
import { isMessageKey, type MessageKey } from './i18n';

type Translate = (key: MessageKey) => string;

export type CodeList =
  | 'operationType'
  | 'operationState'
  | 'offence'
  | 'offer'
  | 'encounterRole'
  | 'contactRole'
  | 'ageBand'
  | 'answer'
  | 'referralState'
  | 'consentScope'
  | 'consentForm'
  | 'spokenLanguage'
  | 'count'
  | 'numbersColumn'
  | 'concernState'
  | 'legalGround'
  | 'disclosureGround'
  | 'disclosureState'
  | 'disclosureField';

/** The words for `code` of `list`; the code itself when there are none. */
export function codeLabel(t: Translate, list: CodeList, code: string): string {
  const key = `${list}.${code}`;
  return isMessageKey(key) ? t(key) : code;
}

export const operationStates = ['planned', 'briefed', 'active', 'debriefed', 'closed'] as const;
export type OperationState = (typeof operationStates)[number];

/** The state after `state`, or null after closed (or for a state this version does not know). */
export function nextState(state: string): OperationState | null {
  const i = (operationStates as readonly string[]).indexOf(state);
  return i >= 0 && i + 1 < operationStates.length ? (operationStates[i + 1] ?? null) : null;
}

export const encounterRoles = ['buyer', 'seller', 'other'] as const;
export const contactRoles = ['seller', 'buyer', 'relative'] as const;
export const answers = ['accepted', 'declined', 'later'] as const;
export const consentScopes = ['share_with_police', 'statistics'] as const;
export const consentForms = ['oral', 'written'] as const;

/** The languages offered first on the spot, by ISO 639-1 code. */
export const commonLanguages = ['sv', 'en', 'ro', 'ru', 'th', 'es', 'uk', 'pl', 'ar', 'so'] as const;

/** The six counts of an operation log entry, in the order of the form. */
export const countNames = [
  'contacts_sellers',
  'contacts_buyers',
  'offers_made',
  'offers_accepted',
  'concern_tasks_opened',
  'buyers_reported',
] as const;
export type CountName = (typeof countNames)[number];
export type Counts = Record<CountName, number>;

/**
 * Referral transitions the interface offers from each state (docs/api.md names the states; the
 * server decides and answers 409 transition_not_allowed otherwise).
 */
export const referralTransitions: Readonly<Record<string, readonly string[]>> = {
  sent: ['accepted', 'declined', 'withdrawn'],
  accepted: ['completed', 'withdrawn'],
};

export interface CodeLists {
  operationTypes: string[];
  offences: string[];
  buyerOffences: string[];
  supportOffers: string[];
  ageBands: string[];
}

/** What the interface offers when the server's lists cannot be read (docs/api.md). */
export const defaultCodeLists: CodeLists = {
  operationTypes: ['sex_purchase', 'hotel_apartment', 'ad_follow_up', 'sugar_dating', 'other'],
  offences: ['brb_6_11', 'brb_6_9', 'brb_6_12', 'brb_4_1a'],
  buyerOffences: ['brb_6_11', 'brb_6_9'],
  supportOffers: [
    'conversation',
    'municipal_unit',
    'buyer_support',
    'health_care',
    'shelter',
    'exit_programme',
    'legal_advice',
    'support_line',
  ],
  ageBands: ['under_18', '18_20', '21_25', '26_35', '36_50', 'over_50', 'unknown'],
};

function codes(body: Record<string, unknown>, name: string, fallback: string[]): string[] {
  const value = body[name];
  return value === undefined ? fallback : array(value, name, string);
}

function decodeCodeLists(value: unknown): CodeLists {
  const body = record(value, 'code-lists');
  const d = defaultCodeLists;
  return {
    operationTypes: codes(body, 'operation_types', d.operationTypes),
    offences: codes(body, 'offences', d.offences),
    buyerOffences: codes(body, 'buyer_offences', d.buyerOffences),
    supportOffers: codes(body, 'support_offers', d.supportOffers),
    ageBands: codes(body, 'age_bands', d.ageBands),
  };
}

let cached: Promise<CodeLists> | null = null;

/** GET /api/v1/code-lists, asked once per page load (configuration changes with a restart). */
export function fetchCodeLists(): Promise<CodeLists> {
  if (!cached) {
    cached = getJson('/api/v1/code-lists', decodeCodeLists);
    cached.catch(() => {
      cached = null; // ask again next time
    });
  }
  return cached;
}

/** The age band of an exact age (docs/api.md "Code lists"). */
export function ageBandOf(age: number): string {
  if (age < 18) return 'under_18';
  if (age <= 20) return '18_20';
  if (age <= 25) return '21_25';
  if (age <= 35) return '26_35';
  if (age <= 50) return '36_50';
  return 'over_50';
}
