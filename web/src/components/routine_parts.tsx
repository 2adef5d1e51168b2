// Parts shared by the routine pages and the checklist of an operation: the words for phases and
// agencies, a step's agency and "krav" tags, the steps grouped by phase, and a routine's free
// text as plain paragraphs (the Markdown is shown as text, never interpreted as HTML).
import type { ComponentChildren } from 'preact';
import { isMessageKey, useI18n, type I18n } from '../i18n';
import { paragraphs, phases, type Step } from '../routines';

type Translate = I18n['t'];

/** "Före insatsen", …; an unknown phase as it is. */
export function phaseLabel(t: Translate, phase: string): string {
  const key = `phase.${phase}`;
  return isMessageKey(key) ? t(key) : phase;
}

/** "Polis", "Socialtjänst", "Båda"; an unknown agency as it is. */
export function agencyLabel(t: Translate, agency: string): string {
  const key = `agency.${agency}`;
  return isMessageKey(key) ? t(key) : agency;
}

/** The agency responsible for a step, and "Krav" when it is required. */
export function StepTags(props: { step: Pick<Step, 'agency' | 'required'> }) {
  const { t } = useI18n();
  const agency = props.step.agency.replace(/[^a-z]/g, '');
  return (
    <span class="step-tags">
      <span class={`tag tag--agency tag--agency-${agency}`}>
        <span class="visually-hidden">{t('step.agencyHidden')} </span>
        {agencyLabel(t, props.step.agency)}
      </span>
      {props.step.required && (
        <span class="tag tag--required">
          {t('step.required')}
          <span class="visually-hidden"> {t('step.requiredHidden')}</span>
        </span>
      )}
    </span>
  );
}

/** Steps in the order of the phases (before, during, after; an unknown phase last). */
export function stepsByPhase<S extends Step>(steps: readonly S[]): { phase: string; steps: S[] }[] {
  const known = phases.map((phase) => ({
    phase: phase as string,
    steps: steps.filter((s) => s.phase === phase),
  }));
  const other = steps.filter((s) => !(phases as readonly string[]).includes(s.phase));
  const groups = other.length > 0 ? [...known, { phase: other[0]?.phase ?? '', steps: other }] : known;
  return groups.filter((g) => g.steps.length > 0);
}

/**
 * The steps grouped by phase, each phase under a heading of `level`; `children(step)` adds what a
 * page shows with a step (the checklist's mark and buttons).
 */
export function PhaseSteps<S extends Step>(props: {
  steps: readonly S[];
  level: 2 | 3;
  idPrefix: string;
  children?: (step: S) => ComponentChildren;
}) {
  const { t } = useI18n();
  const Heading = props.level === 2 ? 'h2' : 'h3';
  return (
    <>
      {stepsByPhase(props.steps).map((group) => {
        const id = `${props.idPrefix}-${group.phase.replace(/[^a-z]/g, '')}`;
        return (
          <section class="phase" key={group.phase} aria-labelledby={id}>
            <Heading id={id} class="phase__title">
              {phaseLabel(t, group.phase)}
            </Heading>
            <ol class="steps-list">
              {group.steps.map((step) => (
                <li key={step.id} class="step" id={`${props.idPrefix}-step-${step.id}`}>
                  <p class="step__text">{step.text}</p>
                  <StepTags step={step} />
                  {props.children?.(step)}
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </>
  );
}

/** A routine's free text as paragraphs of plain text. */
export function Description(props: { text: string }) {
  const list = paragraphs(props.text);
  if (list.length === 0) return null;
  return (
    <div class="routine-description">
      {list.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </div>
  );
}
