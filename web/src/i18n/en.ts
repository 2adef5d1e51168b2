import type { Messages } from './sv';

// English texts. Typed as Messages, so a key missing here (or one Swedish does not have) does not build.
export const en: Messages = {
  'app.name': 'Samverkan',
  'app.tagline': 'Police and social services together against the purchase of sexual services',
  'app.documentTitle': '{page} – Samverkan',

  'skipLink': 'Skip to content',

  'nav.label': 'Main menu',
  'nav.start': 'Start',

  'language.label': 'Language',

  'start.title': 'Start',
  'start.intro':
    'Samverkan supports the joint work of the police and social services against the purchase of sexual services.',

  'health.heading': 'Server status',
  'health.checking': 'Checking the server …',
  'health.serverOk': 'The server responds',
  'health.serverError': 'The server responds with an error (HTTP {status})',
  'health.unreachable': 'The server cannot be reached. Check the network connection and try again.',
  'health.badResponse': 'The server gave a response that could not be read',
  'health.databaseOk': 'The database responds',
  'health.databaseFailed': 'The database does not respond: {message}',
  'health.databaseUnknown': 'The status of the database could not be fetched',
  'health.version': 'Version',
  'health.checkedAt': 'Checked',
  'health.recheck': 'Check again',

  'notFound.title': 'Page not found',
  'notFound.body': 'There is no page at the address {path}.',
  'notFound.back': 'To the start page',

  'footer.text': 'Samverkan – web interface version {version}',
};
