// One ad (GET /api/v1/ads/{id}): its title and text with what was read from them marked (a
// <mark> per highlight, its kind in words for screen readers, and a legend), the facts read
// from it, its indicators, the links that put it in its group, and the work of the user's own
// compartment on it: the triage decision (a confirmed possible minor opens a concern task) with
// its history, and notes. Decisions and notes are never seen by the other agency.
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import {
  addAdNote,
  decisions,
  fetchAd,
  highlightKinds,
  isPossibleMinor,
  maxNoteBytes,
  maxTriageNoteBytes,
  triageAd,
  utf8Length,
  type AdDetail,
  type Highlight,
  type Note,
  type Price,
  type Triage,
} from '../ads';
import {
  adKindLabel,
  adName,
  adRefText,
  codeClass,
  decisionLabel,
  DecisionTag,
  highlightLabel,
  IndicatorList,
  languageName,
} from '../components/ads';
import {
  ErrorSummary,
  RadioGroup,
  StatusMessage,
  SubmitButton,
  TextAreaField,
  type FormError,
  useForm,
} from '../components/form';
import { LoadState } from '../components/load_state';
import { Time } from '../components/operations';
import { Fact } from '../components/record_parts';
import type { Text } from '../errors';
import { useI18n, type I18n } from '../i18n';
import { useLoad } from '../load';
import type { PageProps } from '../routes';
import { useCurrentSession } from '../session';

export function AdPage(props: PageProps) {
  const id = props.params['id'] ?? '';
  // A new ad is a new page: its forms start empty.
  return <AdView key={id} id={id} />;
}

function AdView(props: { id: string }) {
  const { t } = useI18n();
  const { state, reload, update } = useLoad((signal) => fetchAd(props.id, signal), props.id);

  if (state.kind !== 'ready') {
    return (
      <>
        <h1>{t('ad.title')}</h1>
        <LoadState state={state} retry={reload} />
      </>
    );
  }
  const ad = state.data;
  const triaged = (triage: Triage) =>
    update((a) => ({ ...a, triage, triageHistory: [triage, ...a.triageHistory] }));
  const noted = (note: Note) => update((a) => ({ ...a, notes: [...a.notes, note] }));

  return (
    <>
      <h1>
        <span class="h1-kicker">{t('ad.kicker', { adId: ad.adId, site: ad.site })}</span>
        {adName(t, ad)}
      </h1>
      {isPossibleMinor(ad) && (
        <div class="notice notice--minor" role="note">
          <p>
            <strong>
              <span aria-hidden="true">! </span>
              {t('adIndicator.possible_minor')}.
            </strong>{' '}
            {t('ad.minorNotice')}
          </p>
        </div>
      )}
      <AdText ad={ad} />
      <AdFacts ad={ad} />
      <section class="section" aria-labelledby="ad-indicators">
        <h2 id="ad-indicators">{t('ad.indicators')}</h2>
        <IndicatorList indicators={ad.indicators} />
        <p class="muted ad-weight">{t('ad.weight', { weight: ad.weight })}</p>
        <p class="muted">{t('ad.indicatorsNote')}</p>
      </section>
      <AdLinks ad={ad} />
      <CompartmentWork ad={ad} triaged={triaged} noted={noted} />
    </>
  );
}

/** Highlights of one field that can be drawn: inside the text, not overlapping, in order. */
function fieldHighlights(highlights: readonly Highlight[], field: 'title' | 'body', length: number): Highlight[] {
  const usable = highlights
    .filter((h) => h.field === field && h.start >= 0 && h.end > h.start && h.end <= length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Highlight[] = [];
  let end = 0;
  for (const h of usable) {
    if (h.start < end) continue;
    out.push(h);
    end = h.end;
  }
  return out;
}

/** A text with its highlights as <mark>s; each names its kind for screen readers. */
function HighlightedText(props: { text: string; highlights: readonly Highlight[] }) {
  const { t } = useI18n();
  const { text } = props;
  const parts = [];
  let position = 0;
  for (const h of props.highlights) {
    if (h.start > position) parts.push(<Fragment key={`t${position}`}>{text.slice(position, h.start)}</Fragment>);
    const kind = highlightLabel(t, h.kind);
    parts.push(
      <mark key={`m${h.start}`} class={`hl hl--${codeClass(h.kind)}`} title={kind}>
        <span class="visually-hidden">{t('ad.markStart', { kind })} </span>
        {text.slice(h.start, h.end)}
        <span class="visually-hidden"> {t('ad.markEnd')}</span>
      </mark>,
    );
    position = h.end;
  }
  if (position < text.length) parts.push(<Fragment key={`t${position}`}>{text.slice(position)}</Fragment>);
  return <>{parts}</>;
}

function AdText(props: { ad: AdDetail }) {
  const { t } = useI18n();
  const { ad } = props;
  const title = fieldHighlights(ad.highlights, 'title', ad.title.length);
  const body = fieldHighlights(ad.highlights, 'body', ad.body.length);
  const used = new Set([...title, ...body].map((h) => h.kind));
  const legend = [
    ...highlightKinds.filter((k) => used.has(k)),
    ...[...used].filter((k) => !(highlightKinds as readonly string[]).includes(k)),
  ];
  return (
    <section class="section card card--wide" aria-labelledby="ad-text">
      <h2 id="ad-text">{t('ad.text')}</h2>
      {legend.length > 0 && (
        <div class="hl-legend">
          <p class="hl-legend__title" id="ad-legend">
            {t('ad.legend')}
          </p>
          <ul class="hl-legend__list" aria-labelledby="ad-legend">
            {legend.map((kind) => (
              <li key={kind}>
                <mark class={`hl hl--${codeClass(kind)}`}>{highlightLabel(t, kind)}</mark>
              </li>
            ))}
          </ul>
        </div>
      )}
      <h3 class="ad-text__label">{t('ad.titleField')}</h3>
      <p class="ad-text__title">
        {ad.title ? <HighlightedText text={ad.title} highlights={title} /> : <span class="muted">–</span>}
      </p>
      <h3 class="ad-text__label">{t('ad.bodyField')}</h3>
      <p class="prewrap ad-text__body">
        {ad.body ? <HighlightedText text={ad.body} highlights={body} /> : <span class="muted">{t('ad.noBody')}</span>}
      </p>
    </section>
  );
}

function priceText(i18n: I18n, price: Price): string {
  const { t, lang } = i18n;
  const amount = price.amount.toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB');
  const currency = price.currency === 'SEK' ? t('ad.sek') : price.currency;
  return price.minutes === null
    ? t('ad.price', { amount, currency })
    : t('ad.priceMinutes', { amount, currency, minutes: price.minutes });
}

function ValueList(props: { values: readonly string[] }) {
  if (props.values.length === 0) return <>–</>;
  return (
    <ul class="value-list">
      {props.values.map((v) => (
        <li key={v}>{v}</li>
      ))}
    </ul>
  );
}

function AdFacts(props: { ad: AdDetail }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const { ad } = props;
  return (
    <section class="section card card--wide" aria-labelledby="ad-facts">
      <h2 id="ad-facts">{t('ad.facts')}</h2>
      <dl class="facts">
        <Fact term={t('ad.site')}>{ad.site}</Fact>
        <Fact term={t('ad.adId')}>{ad.adId}</Fact>
        <Fact term={t('ad.kind')}>{adKindLabel(t, ad.kind || 'escort')}</Fact>
        {ad.url && (
          <Fact term={t('ad.url')}>
            <a class="link-button" href={ad.url} rel="noreferrer noopener" target="_blank">
              {ad.url}
              <span class="visually-hidden"> {t('ad.externalLink')}</span>
            </a>
          </Fact>
        )}
        <Fact term={t('ad.phones')}>
          <ValueList values={ad.phones} />
        </Fact>
        <Fact term={t('ad.emails')}>
          <ValueList values={ad.emails} />
        </Fact>
        <Fact term={t('ad.ages')}>{ad.ages.length ? ad.ages.map((a) => t('ad.age', { age: a })).join(', ') : '–'}</Fact>
        <Fact term={t('ad.prices')}>
          <ValueList values={ad.prices.map((p) => priceText(i18n, p))} />
        </Fact>
        <Fact term={t('ad.location')}>{ad.location ?? '–'}</Fact>
        <Fact term={t('ad.municipality')}>{ad.municipality?.name ?? t('ads.unknownMunicipality')}</Fact>
        <Fact term={t('ad.language')}>{languageName(t, lang, ad.language)}</Fact>
        <Fact term={t('ad.images')}>{ad.images}</Fact>
        <Fact term={t('ad.firstSeen')}>
          <Time iso={ad.firstSeen} />
        </Fact>
        <Fact term={t('ad.lastSeen')}>
          <Time iso={ad.lastSeen} />
        </Fact>
      </dl>
    </section>
  );
}

function linkText(t: I18n['t'], kind: string, value: string, other: string): string {
  switch (kind) {
    case 'phone':
      return t('ad.linkPhone', { value, other });
    case 'email':
      return t('ad.linkEmail', { value, other });
    case 'image':
      return t('ad.linkImage', { other });
    case 'template':
      return t('ad.linkTemplate', { other });
    default:
      return t('ad.linkOther', { kind, value, other });
  }
}

/** Why the ad is in its group: the same phone, e-mail, image or template as another ad. */
function AdLinks(props: { ad: AdDetail }) {
  const { t } = useI18n();
  const { ad } = props;
  return (
    <section class="section" aria-labelledby="ad-links">
      <h2 id="ad-links">{t('ad.links')}</h2>
      {ad.groupId && (
        <p>
          <a class="link-button" href={`/annonser/grupper/${encodeURIComponent(ad.groupId)}`}>
            {t('ad.groupLink', { id: ad.groupId, count: ad.groupSize })}
          </a>
        </p>
      )}
      {ad.links.length === 0 ? (
        <p>{t('ad.noLinks')}</p>
      ) : (
        <ul class="link-list">
          {ad.links.map((l, i) => {
            const other = adRefText(t, l.ad);
            return (
              <li key={`${l.kind}-${l.ad.id}-${i}`}>
                <a class="link-list__link" href={`/annonser/${encodeURIComponent(l.ad.id)}`}>
                  <span class="link-list__title">{linkText(t, l.kind, l.value, other)}</span>
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** The compartment's own work on the ad: triage, its history, notes. */
function CompartmentWork(props: { ad: AdDetail; triaged: (t: Triage) => void; noted: (n: Note) => void }) {
  const { t } = useI18n();
  const { user } = useCurrentSession();
  const { ad } = props;
  const unit = user.unit?.name ?? t('ads.ownAgency');
  const history = [...ad.triageHistory].sort((a, b) => (Date.parse(b.at) || 0) - (Date.parse(a.at) || 0));
  return (
    <section class="section" aria-labelledby="ad-work">
      <h2 id="ad-work">{t('ad.work')}</h2>
      <p class="notice">{t('ad.compartmentNote', { unit })}</p>
      <TriageForm ad={ad} triaged={props.triaged} />
      <h3 id="ad-history">{t('ad.history')}</h3>
      {history.length === 0 ? (
        <p>{t('ad.noHistory')}</p>
      ) : (
        <ol class="entry-list" aria-labelledby="ad-history">
          {history.map((h, i) => (
            <li class="entry-list__item" key={`${h.at}-${i}`}>
              <p class="entry-list__text">
                <DecisionTag decision={h.decision} />
              </p>
              {h.note && <p class="prewrap">{h.note}</p>}
              <p class="entry-list__meta">
                <Time iso={h.at} />
                {h.by && ` · ${h.by}`}
              </p>
              {h.concernTaskId && (
                <p>
                  <a class="link-button" href={`/orosanmalan/${encodeURIComponent(h.concernTaskId)}`}>
                    {t('ad.concernTaskLink', { id: h.concernTaskId })}
                  </a>
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      <Notes ad={ad} noted={props.noted} />
    </section>
  );
}

function TriageForm(props: { ad: AdDetail; triaged: (t: Triage) => void }) {
  const { t } = useI18n();
  const { ad } = props;
  const [decision, setDecision] = useState('');
  const [note, setNote] = useState('');
  const [done, setDone] = useState<Text | null>(null);
  const [concernTask, setConcernTask] = useState<string | null>(null);
  const form = useForm({ decision: 'triage-decision', note: 'triage-note' });
  const check = () => {
    const problems: FormError[] = [];
    if (!decision) problems.push({ target: 'triage-decision', text: ({ t }) => t('ad.decisionMissing') });
    if (utf8Length(note.trim()) > maxTriageNoteBytes) {
      problems.push({ target: 'triage-note', text: ({ t }) => t('ad.noteTooLong', { max: maxTriageNoteBytes }) });
    }
    return problems;
  };
  const action = async () => {
    const saved = await triageAd(ad.id, decision, note.trim());
    props.triaged(saved);
    setConcernTask(saved.concernTaskId);
    const label = decision;
    setDone(() => ({ t }: I18n) => t('ad.triaged', { decision: decisionLabel(t, label) }));
    setNote('');
    setDecision('');
  };
  return (
    <div class="triage">
      <h3 id="ad-triage">{t('ad.triage')}</h3>
      <p>
        {t('ad.currentDecision')} <DecisionTag decision={ad.triage?.decision ?? null} />
      </p>
      <form class="form card" noValidate aria-labelledby="ad-triage" aria-busy={form.busy} onSubmit={form.submit(check, action)}>
        <ErrorSummary {...form.summary('triage-errors')} />
        <RadioGroup
          id="triage-decision"
          legend={t('ad.decision')}
          options={decisions.map((d) => ({ value: d, label: decisionLabel(t, d) }))}
          value={decision}
          onValue={setDecision}
          error={form.error('triage-decision')}
        />
        {decision === 'confirmed_minor' && <p class="notice notice--warning">{t('ad.confirmedMinorHint')}</p>}
        <TextAreaField
          id="triage-note"
          label={t('ad.triageNote')}
          hint={t('ad.triageNoteHint', { max: maxTriageNoteBytes })}
          value={note}
          onValue={setNote}
          rows={3}
          error={form.error('triage-note')}
        />
        <SubmitButton busy={form.busy}>{t('ad.saveTriage')}</SubmitButton>
      </form>
      <StatusMessage text={done} />
      {concernTask && (
        <div class="notice notice--minor">
          <p>{t('ad.concernOpened')}</p>
          <p>
            <a class="link-button" href={`/orosanmalan/${encodeURIComponent(concernTask)}`}>
              {t('ad.concernTaskLink', { id: concernTask })}
            </a>
          </p>
        </div>
      )}
    </div>
  );
}

function Notes(props: { ad: AdDetail; noted: (n: Note) => void }) {
  const { t } = useI18n();
  const { ad } = props;
  const [text, setText] = useState('');
  const [done, setDone] = useState<Text | null>(null);
  const form = useForm({ text: 'ad-note' });
  const check = () => {
    const problems: FormError[] = [];
    if (!text.trim()) problems.push({ target: 'ad-note', text: ({ t }) => t('ad.noteMissing') });
    else if (utf8Length(text.trim()) > maxNoteBytes) {
      problems.push({ target: 'ad-note', text: ({ t }) => t('ad.noteTooLong', { max: maxNoteBytes }) });
    }
    return problems;
  };
  const action = async () => {
    props.noted(await addAdNote(ad.id, text.trim()));
    setText('');
    setDone(() => ({ t }: I18n) => t('ad.noteSaved'));
  };
  return (
    <div class="ad-notes">
      <h3 id="ad-notes">{t('ad.notes', { count: ad.notes.length })}</h3>
      {ad.notes.length === 0 ? (
        <p>{t('ad.noNotes')}</p>
      ) : (
        <ol class="entry-list" aria-labelledby="ad-notes">
          {ad.notes.map((n) => (
            <li class="entry-list__item" key={n.id}>
              <p class="prewrap entry-list__text">{n.text}</p>
              <p class="entry-list__meta">
                <Time iso={n.at} />
                {n.by && ` · ${n.by}`}
              </p>
            </li>
          ))}
        </ol>
      )}
      <form class="form card" noValidate aria-label={t('ad.addNote')} aria-busy={form.busy} onSubmit={form.submit(check, action)}>
        <ErrorSummary {...form.summary('ad-note-errors')} />
        <TextAreaField
          id="ad-note"
          label={t('ad.note')}
          hint={t('ad.noteHint', { max: maxNoteBytes })}
          value={text}
          onValue={setText}
          rows={3}
          required
          error={form.error('ad-note')}
        />
        <SubmitButton busy={form.busy} class="button button--secondary">
          {t('ad.addNote')}
        </SubmitButton>
      </form>
      <StatusMessage text={done} />
    </div>
  );
}
