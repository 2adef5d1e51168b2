import { ApiError, DecodeError, NetworkError, getJson, record, request, string } from './api';

/** GET /healthz: the process is up. */
export interface Liveness {
  status: 'ok';
  version: string;
}

/** GET /readyz: 200 when every dependency answers, 503 otherwise; each check is "ok" or a message. */
export interface Readiness {
  status: 'ready' | 'not_ready';
  checks: Record<string, string>;
}

export function decodeLiveness(value: unknown): Liveness {
  const body = record(value, 'healthz');
  if (body['status'] !== 'ok') throw new DecodeError('healthz.status: expected "ok"');
  return { status: 'ok', version: string(body['version'], 'healthz.version') };
}

export function decodeReadiness(value: unknown): Readiness {
  const body = record(value, 'readyz');
  const status = body['status'];
  if (status !== 'ready' && status !== 'not_ready') {
    throw new DecodeError('readyz.status: expected "ready" or "not_ready"');
  }
  const raw = record(body['checks'], 'readyz.checks');
  const checks: Record<string, string> = {};
  for (const [name, result] of Object.entries(raw)) checks[name] = string(result, `readyz.checks.${name}`);
  return { status, checks };
}

export type DatabaseHealth =
  | { kind: 'ok' }
  | { kind: 'failed'; message: string }
  | { kind: 'unknown' };

/** What the start page shows about the server. */
export type ServerHealth =
  | { kind: 'up'; version: string; database: DatabaseHealth; checkedAt: Date }
  | { kind: 'unreachable'; checkedAt: Date }
  | { kind: 'error'; status: number; checkedAt: Date }
  | { kind: 'bad_response'; checkedAt: Date };

/** Asks /healthz and /readyz at once and sums up the answers. Rejects only when aborted. */
export async function checkServer(signal: AbortSignal): Promise<ServerHealth> {
  const [live, ready] = await Promise.allSettled([
    getJson('/healthz', decodeLiveness, { signal }),
    request('/readyz', decodeReadiness, { signal, acceptStatus: [503] }),
  ]);
  signal.throwIfAborted();
  const checkedAt = new Date();

  if (live.status === 'rejected') {
    const err: unknown = live.reason;
    if (err instanceof ApiError) {
      return err.code === 'bad_response'
        ? { kind: 'bad_response', checkedAt }
        : { kind: 'error', status: err.status, checkedAt };
    }
    if (err instanceof NetworkError) return { kind: 'unreachable', checkedAt };
    throw err;
  }

  let database: DatabaseHealth = { kind: 'unknown' };
  if (ready.status === 'fulfilled') {
    const result = ready.value.data.checks['database'];
    if (result === 'ok' && ready.value.data.status === 'ready') database = { kind: 'ok' };
    else if (result !== undefined && result !== 'ok') database = { kind: 'failed', message: result };
  }
  return { kind: 'up', version: live.value.version, database, checkedAt };
}
