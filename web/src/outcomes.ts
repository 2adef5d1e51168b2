// The evaluation of operations on the ad counts (docs/api.md "Outcomes"): did active ads go down
// after operations began? One call, GET /api/v1/outcomes/ads, whose answer holds the rate ratio
// with its 95 % interval, the series (observed, fitted, counterfactual), the model and the
// caveats. Observed counts under 5 come as null for roles that may not read the ads themselves.
import { array, boolean, getJson, number, optionalNumber, optionalString, record, string } from './api';
import type { Role } from './roles';

/** Roles the server lets read the evaluation (security policy `read_ad_outcomes`). */
export const outcomeReaders: readonly Role[] = [
  'police_analyst',
  'police_commander',
  'social_case_officer',
  'coordinator',
  'committee',
];

export const outcomePeriods = ['month', 'week'] as const;
export const outcomeFamilies = ['quasipoisson', 'negbin', 'poisson'] as const;

export interface OutcomeQuery {
  municipality: string;
  /** "YYYY-MM-DD", or empty for the date of the municipality's first operation. */
  intervention: string;
  controls: readonly string[];
  period: string;
  family: string;
}

export interface OutcomePoint {
  period: string;
  after: boolean;
  /** null when suppressed. */
  observed: number | null;
  suppressed: boolean;
  fitted: number;
  counterfactual: number;
  controlObserved: number | null;
  controlSuppressed: boolean;
  controlFitted: number | null;
}

export interface AdOutcome {
  municipality: string;
  controls: string[];
  period: string;
  intervention: { date: string; period: string; operationId: string | null };
  levelChange: { term: string; rateRatio: number; ciLow: number; ciHigh: number };
  series: OutcomePoint[];
  model: {
    design: string;
    family: string;
    terms: string[];
    n: number;
    dfResidual: number;
    dispersion: number;
    theta: number | null;
    seasonal: boolean;
    periodsBefore: number;
    periodsAfter: number;
  };
  suppression: { applied: boolean; minCell: number };
  caveats: string[];
}

export function decodeOutcome(value: unknown): AdOutcome {
  const o = record(value, 'outcome');
  const intervention = record(o['intervention'], 'intervention');
  const level = record(o['level_change'], 'level_change');
  const model = record(o['model'], 'model');
  const suppression = record(o['suppression'], 'suppression');
  const operation = intervention['operation_id'];
  return {
    municipality: string(o['municipality'], 'municipality'),
    controls: array(o['controls'], 'controls', string),
    period: string(o['period'], 'period'),
    intervention: {
      date: string(intervention['date'], 'intervention.date'),
      period: string(intervention['period'], 'intervention.period'),
      operationId: operation === null || operation === undefined ? null : String(number(operation, 'intervention.operation_id')),
    },
    levelChange: {
      term: string(level['term'], 'level_change.term'),
      rateRatio: number(level['rate_ratio'], 'level_change.rate_ratio'),
      ciLow: number(level['ci_low'], 'level_change.ci_low'),
      ciHigh: number(level['ci_high'], 'level_change.ci_high'),
    },
    series: array(o['series'], 'series', (v, n) => {
      const p = record(v, n);
      return {
        period: string(p['period'], `${n}.period`),
        after: boolean(p['after'], `${n}.after`),
        observed: optionalNumber(p['observed'], `${n}.observed`),
        suppressed: boolean(p['suppressed'], `${n}.suppressed`),
        fitted: number(p['fitted'], `${n}.fitted`),
        counterfactual: number(p['counterfactual'], `${n}.counterfactual`),
        controlObserved: optionalNumber(p['control_observed'], `${n}.control_observed`),
        controlSuppressed: p['control_suppressed'] === true,
        controlFitted: optionalNumber(p['control_fitted'], `${n}.control_fitted`),
      };
    }),
    model: {
      design: string(model['design'], 'model.design'),
      family: string(model['family'], 'model.family'),
      terms: array(model['terms'], 'model.terms', string),
      n: number(model['n'], 'model.n'),
      dfResidual: number(model['df_residual'], 'model.df_residual'),
      dispersion: number(model['dispersion'], 'model.dispersion'),
      theta: optionalNumber(model['theta'], 'model.theta'),
      seasonal: boolean(model['seasonal'], 'model.seasonal'),
      periodsBefore: number(model['periods_before'], 'model.periods_before'),
      periodsAfter: number(model['periods_after'], 'model.periods_after'),
    },
    suppression: {
      applied: boolean(suppression['applied'], 'suppression.applied'),
      minCell: number(suppression['min_cell'], 'suppression.min_cell'),
    },
    caveats: array(o['caveats'], 'caveats', (v, n) => optionalString(v, n) ?? ''),
  };
}

/** GET /api/v1/outcomes/ads. */
export function fetchAdOutcome(query: OutcomeQuery, signal?: AbortSignal): Promise<AdOutcome> {
  const params = new URLSearchParams({ municipality: query.municipality, period: query.period, family: query.family });
  if (query.intervention) params.set('intervention', query.intervention);
  for (const code of query.controls) params.append('control', code);
  return getJson(`/api/v1/outcomes/ads?${params.toString()}`, decodeOutcome, signal ? { signal } : {});
}

/** What the result says, in the words of the page: a sure decrease or increase, or no sure change. */
export type Verdict = 'fewer' | 'more' | 'unsure';

export function verdictOf(level: AdOutcome['levelChange']): Verdict {
  if (level.ciHigh < 1) return 'fewer';
  if (level.ciLow > 1) return 'more';
  return 'unsure';
}

/** A rate ratio as a whole percentage change: 0.77 → 23 (fewer), 1.3 → 30 (more). */
export function percentChange(ratio: number): number {
  return Math.round(Math.abs(1 - ratio) * 100);
}
