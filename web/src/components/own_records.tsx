// The user's own compartment's records of an operation: the police unit's encounters for police
// roles, the social services' contacts for social roles. The other agency's never show here; the
// server returns only the caller's unit's records.
import { ageLabel } from './record_parts';
import { codeLabel } from '../codes';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import { fetchContacts, fetchOperationEncounters, isPoliceRole } from '../records';
import { LoadState } from './load_state';
import { Time } from './operations';

export function OwnRecords(props: { operationId: number; role: string }) {
  return isPoliceRole(props.role) ? (
    <Encounters operationId={props.operationId} />
  ) : (
    <Contacts operationId={props.operationId} />
  );
}

function Encounters(props: { operationId: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { state, reload } = useLoad(
    (signal) => fetchOperationEncounters(props.operationId, 'operation', signal),
    String(props.operationId),
  );
  return (
    <section class="section own-records" aria-labelledby="own-records">
      <h2 id="own-records">{t('own.encountersHeading')}</h2>
      <p class="section__intro">{t('own.policeOnly')}</p>
      <LoadState state={state} retry={reload} />
      {state.kind === 'ready' &&
        (state.data.length === 0 ? (
          <p>{t('own.noEncounters')}</p>
        ) : (
          <ul class="link-list">
            {state.data.map((e) => (
              <li key={e.id}>
                <a class="link-list__link" href={`/moten/${e.id}?syfte=operation`}>
                  <span class="link-list__title">
                    {t('own.encounterTitle', { id: e.id, role: codeLabel(t, 'encounterRole', e.role) })}
                  </span>
                  <span class="link-list__meta">
                    {ageLabel(i18n, e.age, e.ageBand)}
                    {e.offence ? ` · ${codeLabel(t, 'offence', e.offence)}` : ''}
                    {e.caseNumber ? ` · ${e.caseNumber}` : ''}
                    {' · '}
                    <Time iso={e.occurredAt || e.createdAt} />
                  </span>
                </a>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

function Contacts(props: { operationId: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { state, reload } = useLoad(
    (signal) => fetchContacts({ operationId: props.operationId, purpose: 'operation' }, signal),
    String(props.operationId),
  );
  return (
    <section class="section own-records" aria-labelledby="own-records">
      <h2 id="own-records">{t('own.contactsHeading')}</h2>
      <p class="section__intro">{t('own.socialOnly')}</p>
      <LoadState state={state} retry={reload} />
      {state.kind === 'ready' &&
        (state.data.length === 0 ? (
          <p>{t('own.noContacts')}</p>
        ) : (
          <ul class="link-list">
            {state.data.map((c) => (
              <li key={c.id}>
                <a class="link-list__link" href={`/kontakter/${c.id}?syfte=operation`}>
                  <span class="link-list__title">
                    {t('own.contactTitle', { id: c.id, role: codeLabel(t, 'contactRole', c.role) })}
                  </span>
                  <span class="link-list__meta">
                    {ageLabel(i18n, c.age, c.ageBand)}
                    {c.language ? ` · ${codeLabel(t, 'spokenLanguage', c.language)}` : ''}
                    {c.interpreter ? ` · ${t('contact.interpreterYes')}` : ''}
                    {' · '}
                    <Time iso={c.occurredAt || c.createdAt} />
                  </span>
                </a>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
