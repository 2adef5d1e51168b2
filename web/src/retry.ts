// Saving on the spot, where the connection comes and goes. A save is sent with an
// Idempotency-Key made when the step starts; when the network fails, the request times out, or
// the server answers 5xx (503 while it restarts), it is sent again with the same key after a
// growing wait (1 s, 2 s, 4 s, 8 s, then every 15 s; at once when the browser comes back online),
// until it succeeds. The server creates the record once, however many times it arrives
// (docs/api.md "Idempotency"). Any other error (4xx) is the caller's to show; it is not retried.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, NetworkError } from './api';

/** A new Idempotency-Key: a random UUID. */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  // randomUUID exists only in secure contexts; the same version-4 layout from random bytes.
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const firstDelayMs = 1000;
const maxDelayMs = 15_000;
/** A request that has not answered in this time is abandoned and sent again. */
const attemptTimeoutMs = 20_000;

/** The wait before retry number `retry` (1, 2, …): 1 s, 2 s, 4 s, 8 s, 15 s, 15 s, … */
export function retryDelay(retry: number): number {
  return Math.min(maxDelayMs, firstDelayMs * 2 ** Math.max(0, retry - 1));
}

/** Whether a failed save may be sent again: no answer, or the server failed (5xx). */
export function isRetryable(err: unknown): boolean {
  if (err instanceof NetworkError) return true;
  return err instanceof ApiError && err.status >= 500 && err.code !== 'bad_response';
}

class AttemptTimeout extends Error {
  override readonly name = 'AttemptTimeout';
}

/** Waits `ms`, less when the browser comes back online; rejects when `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener('online', done);
      signal.removeEventListener('abort', aborted);
      resolve();
    };
    const aborted = () => {
      clearTimeout(timer);
      window.removeEventListener('online', done);
      reject(signal.reason);
    };
    const timer = setTimeout(done, ms);
    window.addEventListener('online', done);
    signal.addEventListener('abort', aborted, { once: true });
  });
}

export interface SendOptions {
  headers: Record<string, string>;
  signal: AbortSignal;
}

export interface RetryOptions {
  signal: AbortSignal;
  /** Called before each wait with the number of the coming retry, the wait and the error. */
  onRetry?: (retry: number, delayMs: number, error: unknown) => void;
}

/**
 * Sends with `key` until it succeeds or fails with an error that is not retryable (thrown), or
 * `options.signal` aborts (its reason is thrown).
 */
export async function sendWithRetry<T>(
  send: (options: SendOptions) => Promise<T>,
  key: string,
  options: RetryOptions,
): Promise<T> {
  const { signal } = options;
  for (let retry = 1; ; retry++) {
    signal.throwIfAborted();
    const attempt = new AbortController();
    const stop = () => attempt.abort(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    const timer = setTimeout(() => attempt.abort(new AttemptTimeout()), attemptTimeoutMs);
    try {
      return await send({ headers: { 'Idempotency-Key': key }, signal: attempt.signal });
    } catch (err) {
      signal.throwIfAborted();
      const timedOut = attempt.signal.aborted && attempt.signal.reason instanceof AttemptTimeout;
      if (!timedOut && !isRetryable(err)) throw err;
      const error = timedOut ? new NetworkError('no answer in time') : err;
      const delay = retryDelay(retry);
      options.onRetry?.(retry, delay, error);
      await pause(delay, signal);
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
    }
  }
}

export type SaveResult<T> =
  | { kind: 'saved'; value: T }
  | { kind: 'failed'; error: unknown }
  /** Another save was running, or the step was restarted or left. */
  | { kind: 'cancelled' };

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  /** The last attempt failed; retry number `retry` follows. */
  | { kind: 'retrying'; retry: number; error: unknown }
  | { kind: 'saved' }
  | { kind: 'failed'; error: unknown };

/**
 * One step that saves: `save(send)` sends with the step's key and retries as above; `status`
 * says where it is. Every retry of one save carries the same key; after a success, a refusal
 * (4xx: what is sent will change) or `restart()` (a new step begins) the next save gets a new
 * one. Leaving the page stops retrying; closing or reloading the tab while a save is on its way
 * asks first.
 */
export function useSave() {
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const key = useRef(newIdempotencyKey());
  const running = useRef<AbortController | null>(null);

  useEffect(() => () => running.current?.abort(), []);

  const save = useCallback(
    async <T>(send: (options: SendOptions) => Promise<T>): Promise<SaveResult<T>> => {
      if (running.current) return { kind: 'cancelled' };
      const controller = new AbortController();
      running.current = controller;
      setStatus({ kind: 'saving' });
      try {
        const result = await sendWithRetry(send, key.current, {
          signal: controller.signal,
          onRetry: (retry, _delay, error) => setStatus({ kind: 'retrying', retry, error }),
        });
        key.current = newIdempotencyKey(); // the next save is another record
        setStatus({ kind: 'saved' });
        return { kind: 'saved', value: result };
      } catch (err) {
        if (controller.signal.aborted) return { kind: 'cancelled' };
        key.current = newIdempotencyKey();
        setStatus({ kind: 'failed', error: err });
        return { kind: 'failed', error: err };
      } finally {
        if (running.current === controller) running.current = null;
      }
    },
    [],
  );

  const restart = useCallback(() => {
    running.current?.abort();
    running.current = null;
    key.current = newIdempotencyKey();
    setStatus({ kind: 'idle' });
  }, []);

  const busy = status.kind === 'saving' || status.kind === 'retrying';

  // While a save is still on its way, closing or reloading the tab asks first: the step would
  // be lost with the page.
  useEffect(() => {
    if (!busy) return undefined;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [busy]);

  return { status, save, restart, busy };
}
