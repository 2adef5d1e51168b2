// Errors of requests in words. A text is kept as a function of the current language, so a message
// on screen follows a change of language like every other text.
import { ApiError, NetworkError } from './api';
import type { I18n } from './i18n';

export type Text = (i18n: I18n) => string;

/** A wait such as "45 sekunder" or "3 minutes" (rounded up to whole minutes from one minute on). */
export function waitInWords(lang: string, seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  const [value, unit] =
    seconds < 60 ? [Math.max(1, Math.ceil(seconds)), 'second'] : [minutes, 'minute'];
  return new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    style: 'unit',
    unit,
    unitDisplay: 'long',
  }).format(value);
}

/**
 * What went wrong, for a person. Known codes in their own words; otherwise the server's message,
 * which is English (docs/api.md), after a sentence in the current language.
 */
export function describeError(err: unknown): Text {
  if (err instanceof NetworkError) return ({ t }) => t('error.network');
  if (!(err instanceof ApiError)) return ({ t }) => t('error.unexpected');
  const { status, code, message } = err;
  if (code === 'bad_response') return ({ t }) => t('error.badResponse');
  if (status === 429 || code === 'too_many_requests') {
    const wait = err.retryAfter;
    return wait === undefined
      ? ({ t }) => t('error.tooManyRequests')
      : ({ t, lang }) => t('error.tooManyRequestsWait', { wait: waitInWords(lang, wait) });
  }
  if (code === 'second_factor_required') return ({ t }) => t('error.secondFactorRequired');
  if (code === 'personal_data') return personalDataText(message);
  if (code === 'transition_not_allowed') return ({ t }) => t('error.transitionNotAllowed');
  if (code === 'operation_not_open') return ({ t }) => t('error.operationNotOpen');
  if (code === 'idempotency_key_reused') return ({ t }) => t('error.idempotencyKeyReused');
  if (code === 'checklist_incomplete') return ({ t }) => t('error.checklistIncomplete', { message });
  if (code === 'already_marked') return ({ t }) => t('error.alreadyMarked', { message });
  if (code === 'checklist_started') return ({ t }) => t('error.checklistStarted', { message });
  if (code === 'operation_closed') return ({ t }) => t('error.operationClosed');
  if (code === 'csrf_required') return ({ t }) => t('error.csrf');
  if (code === 'task_closed') return ({ t }) => t('error.taskClosed');
  if (code === 'acknowledged') return ({ t }) => t('error.acknowledged');
  if (code === 'no_valid_consent') return ({ t }) => t('error.noValidConsent');
  if (code === 'second_approver_required') return ({ t }) => t('error.secondApproverRequired');
  if (code === 'not_awaiting') return ({ t }) => t('error.notAwaiting');
  if (code === 'no_report') return ({ t }) => t('error.noReport');
  if (status === 403) return ({ t }) => t('error.forbidden');
  if (status === 404) return ({ t }) => t('error.notFound');
  if (status === 413 || code === 'body_too_large') return ({ t }) => t('error.tooLarge');
  if (status >= 500) {
    const id = err.requestId ?? '–';
    return ({ t }) => t('error.serverFailure', { requestId: id });
  }
  return ({ t }) => t('error.withMessage', { message });
}

const personalDataKinds = [
  { pattern: /identity number|personnummer|samordningsnummer/i, key: 'personalData.identityNumber' },
  { pattern: /phone number|telefonnummer/i, key: 'personalData.phoneNumber' },
  { pattern: /e-?mail|e-post/i, key: 'personalData.emailAddress' },
] as const;

/**
 * A refusal of text in the joint space (400 personal_data): what was found, in words. The server
 * names it only in its English message ("contains a phone number (at character 6); …"), so the
 * kinds are read from there; the message itself is the fallback.
 */
export function personalDataText(message: string): Text {
  const found = personalDataKinds.filter((k) => k.pattern.test(message)).map((k) => k.key);
  if (found.length === 0) return ({ t }) => t('personalData.unknown', { message });
  return ({ t }) => {
    const words = found.map((key) => t(key));
    const list =
      words.length === 1
        ? (words[0] ?? '')
        : `${words.slice(0, -1).join(', ')} ${t('personalData.and')} ${words[words.length - 1] ?? ''}`;
    return t('personalData.found', { what: list });
  };
}
