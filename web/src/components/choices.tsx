// A question answered by tapping one of a few large buttons (on the spot, on a phone): a fieldset
// whose legend is the question, each answer a button at least 48 px high, the chosen one pressed.
import type { ComponentChildren } from 'preact';

export interface Choice {
  value: string;
  label: string;
  /** A second line in smaller type. */
  hint?: string;
}

export function ChoiceGroup(props: {
  id: string;
  legend: string;
  hint?: string;
  choices: readonly Choice[];
  /** The answer chosen before (pressed), if any. */
  value?: string | null;
  onChoose: (value: string) => void;
  /** Two buttons a row for short answers. */
  columns?: 1 | 2;
  busy?: boolean;
  children?: ComponentChildren;
}) {
  return (
    <fieldset class="choices" id={props.id} aria-describedby={props.hint ? `${props.id}-hint` : undefined}>
      <legend class="choices__legend">{props.legend}</legend>
      {props.hint && (
        <p class="choices__hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      <div class={props.columns === 2 ? 'choices__list choices__list--two' : 'choices__list'}>
        {props.choices.map((c) => (
          <button
            key={c.value}
            type="button"
            class="choice"
            id={`${props.id}-${c.value}`}
            aria-pressed={props.value === undefined ? undefined : props.value === c.value}
            aria-disabled={props.busy ? 'true' : undefined}
            onClick={() => {
              if (!props.busy) props.onChoose(c.value);
            }}
          >
            <span class="choice__label">{c.label}</span>
            {c.hint && <span class="choice__hint">{c.hint}</span>}
          </button>
        ))}
      </div>
      {props.children}
    </fieldset>
  );
}
