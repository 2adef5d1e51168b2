// The password rules of the server (src/security/password_policy.h), checked before sending so
// that the common mistakes get their message at once; the server checks again and has the list
// of common passwords.
import { ApiError } from './api';
import type { Text } from './errors';

export const minPasswordLength = 12;
const maxPasswordBytes = 256;

/** The first rule a new password breaks, or null. Length counts characters, not bytes. */
export function passwordProblem(password: string, username: string): Text | null {
  if ([...password].length < minPasswordLength) {
    return ({ t }) => t('password.tooShort', { min: minPasswordLength });
  }
  if (new TextEncoder().encode(password).length > maxPasswordBytes) {
    return ({ t }) => t('password.tooLong');
  }
  if (username !== '' && password.toLowerCase() === username.toLowerCase()) {
    return ({ t }) => t('password.isUsername');
  }
  return null;
}

/** Whether an error of the server is about the new password (400 naming the password field). */
export function isPasswordRefusal(err: unknown, fields: readonly string[]): err is ApiError {
  return err instanceof ApiError && err.status === 400 && fields.includes(err.field ?? '');
}

/**
 * The server's refusal of a new password in words, by its reason code (docs/api.md); a code this
 * page does not know is shown with the server's own message.
 */
export function passwordRefusal(err: ApiError): Text {
  if (err.code === 'password_common') {
    return ({ t }) => t('password.common');
  }
  if (err.code === 'password_too_short') {
    return ({ t }) => t('password.tooShort', { min: minPasswordLength });
  }
  if (err.code === 'password_is_username') {
    return ({ t }) => t('password.isUsername');
  }
  const message = err.message;
  return ({ t }) => t('password.refused', { message });
}
