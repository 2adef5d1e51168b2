// Small parts of the person-level record pages.
import type { ComponentChildren } from 'preact';
import { codeLabel } from '../codes';
import type { I18n } from '../i18n';

/** "34 år (26–35 år)" with an exact age, otherwise the band ("26–35 år", "Okänd ålder"). */
export function ageLabel(i18n: I18n, age: number | null, band: string): string {
  const { t } = i18n;
  const bandText = codeLabel(t, 'ageBand', band);
  return age === null ? bandText : t('age.exact', { age, band: bandText });
}

/** One term and value of a <dl class="facts">. */
export function Fact(props: { term: string; children: ComponentChildren }) {
  return (
    <div class="facts__row">
      <dt>{props.term}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}
