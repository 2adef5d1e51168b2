// Swedish texts: the source language. Its keys are the key set; every other language must have
// exactly these keys (a missing or extra key is a type error in that language's file).
// Placeholders are written {name} and filled by t(key, { name }).
// Words follow the glossary in shared/design/DOMAIN.md.
export const sv = {
  'app.name': 'Samverkan',
  'app.tagline': 'Polis och socialtjänst tillsammans mot köp av sexuella tjänster',
  'app.documentTitle': '{page} – Samverkan',

  'skipLink': 'Hoppa till innehållet',

  'nav.label': 'Huvudmeny',
  'nav.start': 'Start',

  'language.label': 'Språk',

  'start.title': 'Start',
  'start.intro':
    'Samverkan stöder polisens och socialtjänstens gemensamma arbete mot köp av sexuella tjänster.',

  'health.heading': 'Serverns status',
  'health.checking': 'Kontrollerar servern …',
  'health.serverOk': 'Servern svarar',
  'health.serverError': 'Servern svarar med ett fel (HTTP {status})',
  'health.unreachable': 'Servern går inte att nå. Kontrollera nätverksanslutningen och försök igen.',
  'health.badResponse': 'Servern gav ett svar som inte gick att tolka',
  'health.databaseOk': 'Databasen svarar',
  'health.databaseFailed': 'Databasen svarar inte: {message}',
  'health.databaseUnknown': 'Databasens status kunde inte hämtas',
  'health.version': 'Version',
  'health.checkedAt': 'Kontrollerad',
  'health.recheck': 'Kontrollera igen',

  'notFound.title': 'Sidan finns inte',
  'notFound.body': 'Det finns ingen sida på adressen {path}.',
  'notFound.back': 'Till startsidan',

  'footer.text': 'Samverkan – webbgränssnitt version {version}',
};

export type MessageKey = keyof typeof sv;
export type Messages = Record<MessageKey, string>;
