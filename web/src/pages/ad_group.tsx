// A linked group of ads (GET /api/v1/ad-groups/{id}): ads connected, directly or through others,
// by a template, a phone number, an e-mail address or an image. The timeline shows when each ad
// was seen and where, so that a group moving between cities is visible; its numbers are also a
// table. Then the ads, the phones and e-mails with how many ads use each, the municipalities and
// the links that explain the group.
import type { Ad, Group, GroupLink } from '../ads';
import { fetchGroup } from '../ads';
import { GroupTimeline, timelinePlaces } from '../components/ad_charts';
import { AdTable, adName } from '../components/ads';
import { LoadState } from '../components/load_state';
import { Time } from '../components/operations';
import { Cell, Row, StackedTable } from '../components/table';
import { useI18n, type I18n } from '../i18n';
import { useLoad } from '../load';
import type { PageProps } from '../routes';
import { formatDateTime } from '../time';

export function AdGroupPage(props: PageProps) {
  const { t } = useI18n();
  const id = props.params['id'] ?? '';
  const { state, reload } = useLoad((signal) => fetchGroup(id, signal), id);
  if (state.kind !== 'ready') {
    return (
      <>
        <h1>{t('adGroup.title')}</h1>
        <LoadState state={state} retry={reload} />
      </>
    );
  }
  const group = state.data;
  return (
    <>
      <h1>{t('adGroup.heading', { id: group.id })}</h1>
      <p class="lead">
        {t('adGroup.summary', { ads: group.ads.length, municipalities: group.municipalities.length })}
      </p>
      <Timeline group={group} />
      <section class="section" aria-labelledby="group-ads">
        <h2 id="group-ads">{t('adGroup.ads', { count: group.ads.length })}</h2>
        <AdTable caption={t('adGroup.adsCaption', { id: group.id })} ads={group.ads} showGroup={false} />
      </section>
      <Contacts group={group} />
      <Links group={group} />
    </>
  );
}

/** "Umeå (från 20 nov. 2026 18:00) → Skellefteå (från …)": where the group advertised, in order. */
function route(i18n: I18n, group: Group): string {
  const { t, lang } = i18n;
  const places = timelinePlaces(group.timeline, t('ads.unknownMunicipality'));
  return places
    .map((p) => {
      const firstSeen = group.timeline
        .filter((e) => (e.municipality?.code ?? '') === p.code)
        .map((e) => e.firstSeen)
        .sort((a, b) => Date.parse(a) - Date.parse(b))[0];
      return t('adGroup.routeStep', { place: p.name, from: firstSeen ? formatDateTime(lang, firstSeen) : '–' });
    })
    .join(' → ');
}

function Timeline(props: { group: Group }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const { group } = props;
  const adOf = (id: string): Ad | undefined => group.ads.find((a) => a.id === id);
  const nameOf = (id: string) => {
    const ad = adOf(id);
    return ad ? adName(t, ad) : t('ad.untitled', { id });
  };
  const rows = [...group.timeline].sort(
    (a, b) => Date.parse(a.firstSeen) - Date.parse(b.firstSeen) || Date.parse(a.lastSeen) - Date.parse(b.lastSeen),
  );
  const steps = route(i18n, group);
  const description = [
    t('adGroup.routeIntro', { route: steps }),
    ...rows.map((r) =>
      t('adGroup.timelineRow', {
        ad: nameOf(r.ad),
        place: r.municipality?.name ?? t('ads.unknownMunicipality'),
        from: formatDateTime(lang, r.firstSeen),
        to: formatDateTime(lang, r.lastSeen),
      }),
    ),
  ].join(' ');
  const columns = [t('adGroup.colAd'), t('adGroup.colMunicipality'), t('ad.firstSeen'), t('ad.lastSeen')];
  const c = (i: number) => columns[i] ?? '';
  return (
    <section class="section" aria-labelledby="group-timeline">
      <h2 id="group-timeline">{t('adGroup.timeline')}</h2>
      {rows.length === 0 ? (
        <p>{t('adGroup.noTimeline')}</p>
      ) : (
        <>
          <p class="group-route">
            <strong>{t('adGroup.route')}</strong> {steps}
          </p>
          <GroupTimeline
            id="group-timeline-chart"
            title={t('adGroup.timelineTitle', { id: group.id })}
            description={description}
            entries={rows}
            ads={group.ads}
          />
          <details class="chart-table">
            <summary>{t('adGroup.timelineTable')}</summary>
            <StackedTable caption={t('adGroup.timelineCaption')} columns={columns}>
              {rows.map((r, i) => (
                <Row key={`${r.ad}-${i}`}>
                  <Cell label={c(0)}>
                    <a class="table-link" href={`/annonser/${encodeURIComponent(r.ad)}`}>
                      {nameOf(r.ad)}
                    </a>
                  </Cell>
                  <Cell label={c(1)}>{r.municipality?.name ?? t('ads.unknownMunicipality')}</Cell>
                  <Cell label={c(2)}>
                    <Time iso={r.firstSeen} />
                  </Cell>
                  <Cell label={c(3)}>
                    <Time iso={r.lastSeen} />
                  </Cell>
                </Row>
              ))}
            </StackedTable>
          </details>
        </>
      )}
    </section>
  );
}

function CountTable(props: { caption: string; head: string; rows: readonly { key: string; label: string; ads: number }[] }) {
  const { t } = useI18n();
  const columns = [props.head, t('adGroup.colAdsCount')];
  return (
    <StackedTable caption={props.caption} columns={columns} class="table--counts">
      {props.rows.map((r) => (
        <Row key={r.key}>
          <Cell label={columns[0] ?? ''}>{r.label}</Cell>
          <Cell label={columns[1] ?? ''}>{r.ads}</Cell>
        </Row>
      ))}
    </StackedTable>
  );
}

function Contacts(props: { group: Group }) {
  const { t } = useI18n();
  const { group } = props;
  return (
    <section class="section" aria-labelledby="group-contacts">
      <h2 id="group-contacts">{t('adGroup.contacts')}</h2>
      <div class="group-tables">
        {group.phones.length > 0 ? (
          <CountTable
            caption={t('adGroup.phones')}
            head={t('adGroup.colPhone')}
            rows={group.phones.map((p) => ({ key: p.value, label: p.value, ads: p.ads }))}
          />
        ) : (
          <p>{t('adGroup.noPhones')}</p>
        )}
        {group.emails.length > 0 ? (
          <CountTable
            caption={t('adGroup.emails')}
            head={t('adGroup.colEmail')}
            rows={group.emails.map((e) => ({ key: e.value, label: e.value, ads: e.ads }))}
          />
        ) : (
          <p>{t('adGroup.noEmails')}</p>
        )}
        <CountTable
          caption={t('adGroup.municipalities')}
          head={t('adGroup.colMunicipality')}
          rows={group.municipalities.map((m) => ({
            key: m.code || '-',
            label: m.code ? m.name : t('ads.unknownMunicipality'),
            ads: m.ads,
          }))}
        />
      </div>
    </section>
  );
}

function linkSentence(t: I18n['t'], link: GroupLink, a: string, b: string): string {
  switch (link.kind) {
    case 'phone':
      return t('adGroup.linkPhone', { a, b, value: link.value });
    case 'email':
      return t('adGroup.linkEmail', { a, b, value: link.value });
    case 'image':
      return t('adGroup.linkImage', { a, b });
    case 'template':
      return t('adGroup.linkTemplate', { a, b });
    default:
      return t('adGroup.linkOther', { a, b, kind: link.kind, value: link.value });
  }
}

function Links(props: { group: Group }) {
  const { t } = useI18n();
  const { group } = props;
  const nameOf = (id: string) => {
    const ad = group.ads.find((x) => x.id === id);
    return ad ? adName(t, ad) : t('ad.untitled', { id });
  };
  return (
    <section class="section" aria-labelledby="group-links">
      <h2 id="group-links">{t('adGroup.links')}</h2>
      <p class="section__intro">{t('adGroup.linksIntro')}</p>
      {group.links.length === 0 ? (
        <p>{t('adGroup.noLinks')}</p>
      ) : (
        <ul class="group-links">
          {group.links.map((l, i) => (
            <li key={`${l.ad}-${l.with}-${l.kind}-${i}`}>
              {linkSentence(t, l, nameOf(l.ad), nameOf(l.with))}{' '}
              <span class="group-links__ads">
                <a class="link-button" href={`/annonser/${encodeURIComponent(l.ad)}`}>
                  {t('adGroup.openAd', { ad: nameOf(l.ad) })}
                </a>
                <a class="link-button" href={`/annonser/${encodeURIComponent(l.with)}`}>
                  {t('adGroup.openAd', { ad: nameOf(l.with) })}
                </a>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
