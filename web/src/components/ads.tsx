// Parts shared by the ad pages: words for the codes of the ads API (indicators, decisions,
// highlight and link kinds), the "possible minor" mark (a word and a sign, never colour alone),
// a table of ads, and the measured width that the charts draw at (so their text keeps its size
// on a phone).
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { isPossibleMinor, type Ad, type AdRef } from '../ads';
import { isMessageKey, useI18n, type I18n, type Lang } from '../i18n';
import { LegendItem } from './chart_frame';
import { Time } from './operations';
import { Cell, Row, StackedTable } from './table';

type Translate = I18n['t'];

function label(t: Translate, prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return isMessageKey(key) ? t(key) : code;
}

/** "Möjligen minderårig", …; an indicator without words is shown as its code. */
export function indicatorLabel(t: Translate, code: string): string {
  return label(t, 'adIndicator', code);
}

export function decisionLabel(t: Translate, code: string): string {
  return label(t, 'adDecision', code);
}

export function highlightLabel(t: Translate, kind: string): string {
  return label(t, 'adHighlight', kind);
}

export function adKindLabel(t: Translate, kind: string): string {
  return label(t, 'adKind', kind);
}

/** "Dag", "Vecka", "Månad". */
export function periodLabel(t: Translate, period: string): string {
  return label(t, 'adStats.period', period);
}

/** The name of a language by its ISO 639-1 code, in the interface's language. */
export function languageName(t: Translate, lang: Lang, code: string | null): string {
  if (!code) return '–';
  const key = `spokenLanguage.${code}`;
  if (isMessageKey(key)) return t(key);
  try {
    return new Intl.DisplayNames([lang === 'sv' ? 'sv-SE' : 'en-GB'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A class name part made from a code the server sent. */
export function codeClass(code: string): string {
  return code.replace(/[^a-z0-9_]/gi, '');
}

/** How many colours (and line patterns) the charts have; series beyond it repeat them. */
export const seriesCount = 6;

export function seriesClass(index: number): string {
  return `series--${index % seriesCount}`;
}

/** "Annons 12" or the ad's title, and its site with the site's own id. */
export function adName(t: Translate, ad: { id: string; title?: string }): string {
  return ad.title?.trim() ? ad.title.trim() : t('ad.untitled', { id: ad.id });
}

export function adRefText(t: Translate, ref: AdRef): string {
  return ref.site ? t('ad.refOnSite', { adId: ref.adId || ref.id, site: ref.site }) : t('ad.untitled', { id: ref.id });
}

/** The mark of an ad flagged as a possible minor: a sign and words, on a strong background. */
export function MinorTag() {
  const { t } = useI18n();
  return (
    <span class="tag tag--minor">
      <span aria-hidden="true">! </span>
      {t('adIndicator.possible_minor')}
    </span>
  );
}

/** An ad's indicators as words, the possible minor first and marked. */
export function IndicatorList(props: { indicators: readonly string[] }) {
  const { t } = useI18n();
  if (props.indicators.length === 0) return <span class="muted">{t('ads.noIndicators')}</span>;
  const ordered = [...props.indicators].sort(
    (a, b) => Number(b === 'possible_minor') - Number(a === 'possible_minor'),
  );
  return (
    <ul class="indicator-list">
      {ordered.map((code) => (
        <li key={code}>
          {code === 'possible_minor' ? (
            <MinorTag />
          ) : (
            <span class={`tag tag--indicator tag--${codeClass(code)}`}>{indicatorLabel(t, code)}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The caller's compartment's decision on an ad, or that there is none. */
export function DecisionTag(props: { decision: string | null }) {
  const { t } = useI18n();
  if (!props.decision) return <span class="muted">{t('ads.notTriaged')}</span>;
  return (
    <span class={`tag tag--decision tag--${codeClass(props.decision)}`}>{decisionLabel(t, props.decision)}</span>
  );
}

/** Ads as a table: the ad (a link), municipality, ages, indicators, last seen, group, decision. */
export function AdTable(props: { caption: string; ads: readonly Ad[]; showGroup?: boolean }) {
  const { t } = useI18n();
  const showGroup = props.showGroup ?? true;
  const columns = [
    t('ads.colAd'),
    t('ads.colMunicipality'),
    t('ads.colAges'),
    t('ads.colIndicators'),
    t('ads.colLastSeen'),
    ...(showGroup ? [t('ads.colGroup')] : []),
    t('ads.colDecision'),
  ];
  const c = (i: number) => columns[i] ?? '';
  return (
    <StackedTable caption={props.caption} columns={columns} class="table--ads">
      {props.ads.map((ad) => (
        <Row key={ad.id}>
          <Cell label={c(0)}>
            <div class={isPossibleMinor(ad) ? 'ad-cell ad-cell--minor' : 'ad-cell'}>
              <a class="table-link" href={`/annonser/${encodeURIComponent(ad.id)}`}>
                {adName(t, ad)}
              </a>
              <span class="ad-cell__site">{t('ad.refOnSite', { adId: ad.adId, site: ad.site })}</span>
            </div>
          </Cell>
          <Cell label={c(1)}>{ad.municipality?.name ?? t('ads.unknownMunicipality')}</Cell>
          <Cell label={c(2)}>{ad.ages.length ? ad.ages.join(', ') : '–'}</Cell>
          <Cell label={c(3)}>
            <IndicatorList indicators={ad.indicators} />
          </Cell>
          <Cell label={c(4)}>
            <Time iso={ad.lastSeen} />
          </Cell>
          {showGroup && (
            <Cell label={c(5)}>
              {ad.groupId ? (
                <a class="table-link" href={`/annonser/grupper/${encodeURIComponent(ad.groupId)}`}>
                  {ad.groupSize === 1 ? t('ads.groupSizeOne') : t('ads.groupSize', { count: ad.groupSize })}
                  <span class="visually-hidden"> {t('ads.groupOf', { ad: adName(t, ad) })}</span>
                </a>
              ) : (
                '–'
              )}
            </Cell>
          )}
          <Cell label={c(showGroup ? 6 : 5)}>
            <DecisionTag decision={ad.triage?.decision ?? null} />
          </Cell>
        </Row>
      ))}
    </StackedTable>
  );
}

/**
 * The width in CSS pixels of the element `ref` is put on, followed as it changes; a chart draws
 * at this size so that its text keeps its size on every screen.
 */
export function useWidth<T extends Element>(initial: number) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const measure = () => {
      const w = Math.floor(element.getBoundingClientRect().width);
      if (w > 0) setWidth(Math.max(240, w));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/** A legend of series in HTML (readable at any width), a swatch (colour and line pattern) for each,, hidden from assistive technology when the chart has its own text. */
export function SeriesLegend(props: {
  items: readonly { key: string; label: string }[];
  kind: 'line' | 'bar';
  hidden?: boolean;
  children?: ComponentChildren;
}) {
  return (
    <ul class="chart__key" aria-hidden={props.hidden ? 'true' : undefined}>
      {props.items.map((item, i) => (
        <LegendItem key={item.key} label={item.label}>
          {props.kind === 'line' ? (
            <line class={`series-line ${seriesClass(i)}`} x1="0" y1="5" x2="24" y2="5" />
          ) : (
            <rect class={`series-fill ${seriesClass(i)}`} x="0" y="1" width="24" height="8" />
          )}
        </LegendItem>
      ))}
      {props.children}
    </ul>
  );
}
