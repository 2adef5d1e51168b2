// A small typed wrapper around fetch for the samverkan API.
//
// Every API error has the body {"error": {"code": "...", "message": "...", "field": "..."}}; it
// becomes an ApiError. A server that cannot be reached becomes a NetworkError. A response body is
// checked by a decoder before the caller sees it, so a page never works on data of the wrong shape.
//
// Sessions: the CSRF token of the current session is kept here, in memory only (never in storage),
// and sent as X-CSRF-Token with every state-changing request, so no page has to think of it. A 401
// from any request means the session has ended; the handler set by the session provider
// (onSessionEnded) then takes the user to the login page. Requests where a 401 is an expected
// answer (logging in, asking whether there is a session) say so with `ownsUnauthenticated`.

/** The server answered with an error status (or with a body that could not be read). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status of the response. */
  readonly status: number;
  /** Machine-readable code from the server, e.g. "invalid_input"; "bad_response" when the body could not be read. */
  readonly code: string;
  /** The request field the error is about, when the server names one. */
  readonly field: string | undefined;
  /** Seconds from the Retry-After header (429), when the server sent one. */
  readonly retryAfter: number | undefined;
  /** The X-Request-Id of the response, for a support question. */
  readonly requestId: string | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    field?: string,
    meta: { retryAfter?: number | undefined; requestId?: string | undefined } = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfter = meta.retryAfter;
    this.requestId = meta.requestId;
  }
}

/** The request did not reach the server, or no response came back. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

/** Thrown by a decoder when a value does not have the expected shape. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
}

/** Checks an untrusted JSON value and returns it typed, or throws DecodeError. */
export type Decoder<T> = (value: unknown) => T;

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: Method;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /** Statuses outside 200–299 whose body is data rather than an error (e.g. 503 from /readyz). */
  acceptStatus?: readonly number[];
  /**
   * The caller handles a 401 itself (logging in, loading the session, a wrong current password):
   * it is thrown as an ApiError without ending the session in the app.
   */
  ownsUnauthenticated?: boolean;
  /** Extra request headers, e.g. Idempotency-Key (retry.ts). */
  headers?: Readonly<Record<string, string>>;
}

let csrfToken: string | null = null;
let sessionEnded: (() => void) | null = null;

/** Sets the CSRF token of the current session (from its Session answer), or forgets it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * Sets what happens when a request answers 401 (the session has ended): the session provider
 * forgets the user and opens the login page. Returns a function that removes the handler.
 */
export function onSessionEnded(handler: () => void): () => void {
  sessionEnded = handler;
  return () => {
    if (sessionEnded === handler) sessionEnded = null;
  };
}

function isStateChanging(method: Method): boolean {
  return method !== 'GET';
}

export interface ApiResponse<T> {
  status: number;
  data: T;
}

/**
 * Sends a request and decodes the JSON answer. Throws NetworkError, ApiError, or the AbortError of
 * an aborted signal.
 */
export async function request<T>(
  path: string,
  decode: Decoder<T>,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { ...options.headers, Accept: 'application/json' };
  if (isStateChanging(method) && csrfToken !== null) headers['X-CSRF-Token'] = csrfToken;
  const init: RequestInit = {
    method,
    headers,
    credentials: 'same-origin',
    cache: 'no-store',
  };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  if (options.signal) init.signal = options.signal;

  let response: Response;
  let text: string;
  try {
    response = await fetch(path, init);
    text = await response.text();
  } catch (err) {
    if (options.signal?.aborted) throw err;
    throw new NetworkError(err instanceof Error ? err.message : String(err));
  }

  const accepted = response.ok || (options.acceptStatus ?? []).includes(response.status);
  if (!accepted) {
    const error = errorFromResponse(response, text);
    if (response.status === 401 && !options.ownsUnauthenticated) {
      csrfToken = null;
      sessionEnded?.();
    }
    throw error;
  }

  try {
    return { status: response.status, data: decode(text === '' ? null : JSON.parse(text)) };
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new ApiError(response.status, 'bad_response', `unreadable response from ${path}: ${detail}`);
  }
}

/** GET that returns only the decoded body. */
export async function getJson<T>(
  path: string,
  decode: Decoder<T>,
  options: Omit<RequestOptions, 'method' | 'body'> = {},
): Promise<T> {
  return (await request(path, decode, options)).data;
}

/** POST (or another state-changing method) with a JSON body; returns the decoded answer. */
export async function send<T>(
  method: Exclude<Method, 'GET'>,
  path: string,
  decode: Decoder<T>,
  body?: unknown,
  options: Omit<RequestOptions, 'method' | 'body'> = {},
): Promise<T> {
  return (await request(path, decode, { ...options, method, body })).data;
}

export interface UploadOptions {
  /** Called as the body goes out: bytes sent so far and the total. */
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * POSTs a file's bytes as `contentType` and decodes the JSON answer, like send(), but through
 * XMLHttpRequest, because fetch reports no upload progress. The same CSRF token, errors and 401
 * handling as request(). Throws NetworkError, ApiError, or an AbortError when `signal` aborts.
 */
export function upload<T>(
  path: string,
  body: Blob,
  contentType: string,
  decode: Decoder<T>,
  options: UploadOptions = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', contentType);
    if (csrfToken !== null) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (event) =>
      options.onProgress?.(event.loaded, event.lengthComputable ? event.total : body.size);
    xhr.onerror = () => reject(new NetworkError(`upload to ${path} failed`));
    xhr.onabort = () => reject(new DOMException('The upload was aborted', 'AbortError'));
    xhr.onload = () => {
      const text = xhr.responseText;
      if (xhr.status < 200 || xhr.status > 299) {
        const headers = new Headers();
        for (const name of ['Retry-After', 'X-Request-Id']) {
          const value = xhr.getResponseHeader(name);
          if (value !== null) headers.set(name, value);
        }
        const error = errorFromResponse(new Response(null, { status: xhr.status, headers }), text);
        if (xhr.status === 401) {
          csrfToken = null;
          sessionEnded?.();
        }
        reject(error);
        return;
      }
      try {
        resolve(decode(text === '' ? null : JSON.parse(text)));
      } catch (err) {
        const detail = err instanceof Error ? err.message : String(err);
        reject(new ApiError(xhr.status, 'bad_response', `unreadable response from ${path}: ${detail}`));
      }
    };
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

function errorFromResponse(response: Response, text: string): ApiError {
  const status = response.status;
  const meta = {
    retryAfter: retryAfterSeconds(response.headers.get('Retry-After')),
    requestId: response.headers.get('X-Request-Id') ?? undefined,
  };
  try {
    const body = record(JSON.parse(text), 'body');
    const error = record(body['error'], 'error');
    const code = string(error['code'], 'error.code');
    const message = string(error['message'], 'error.message');
    const field = error['field'];
    return new ApiError(status, code, message, typeof field === 'string' ? field : undefined, meta);
  } catch {
    return new ApiError(status, 'http_error', `HTTP ${status}`, undefined, meta);
  }
}

/** Retry-After as seconds: either a number of seconds or an HTTP date (RFC 9110 10.2.3). */
function retryAfterSeconds(header: string | null): number | undefined {
  if (header === null) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

// Small decoder helpers for the decoders of each endpoint.

export function record(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DecodeError(`${name}: expected an object`);
  }
  return value as Record<string, unknown>;
}

export function string(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new DecodeError(`${name}: expected a string`);
  return value;
}

export function number(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new DecodeError(`${name}: expected a number`);
  }
  return value;
}

export function boolean(value: unknown, name: string): boolean {
  if (typeof value !== 'boolean') throw new DecodeError(`${name}: expected true or false`);
  return value;
}

/** A string, or null when the value is null or absent. */
export function optionalString(value: unknown, name: string): string | null {
  return value === null || value === undefined ? null : string(value, name);
}

/** An optional number (null when null or absent). */
export function optionalNumber(value: unknown, name: string): number | null {
  return value === null || value === undefined ? null : number(value, name);
}

export function array<T>(
  value: unknown,
  name: string,
  item: (value: unknown, name: string) => T,
): T[] {
  if (!Array.isArray(value)) throw new DecodeError(`${name}: expected a list`);
  return value.map((v, i) => item(v, `${name}[${i}]`));
}

/** Decoder of answers whose body the caller does not need, such as {"ok": true}. */
export function ignoreBody(_value: unknown): null {
  return null;
}
