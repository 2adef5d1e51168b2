// A small typed wrapper around fetch for the samverkan API.
//
// Every API error has the body {"error": {"code": "...", "message": "...", "field": "..."}}; it
// becomes an ApiError. A server that cannot be reached becomes a NetworkError. A response body is
// checked by a decoder before the caller sees it, so a page never works on data of the wrong shape.

/** The server answered with an error status (or with a body that could not be read). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status of the response. */
  readonly status: number;
  /** Machine-readable code from the server, e.g. "invalid_input"; "bad_response" when the body could not be read. */
  readonly code: string;
  /** The request field the error is about, when the server names one. */
  readonly field: string | undefined;

  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
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
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = {
    method: options.method ?? 'GET',
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
  if (!accepted) throw errorFromResponse(response.status, text);

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

function errorFromResponse(status: number, text: string): ApiError {
  try {
    const body = record(JSON.parse(text), 'body');
    const error = record(body['error'], 'error');
    const code = string(error['code'], 'error.code');
    const message = string(error['message'], 'error.message');
    const field = error['field'];
    return new ApiError(status, code, message, typeof field === 'string' ? field : undefined);
  } catch {
    return new ApiError(status, 'http_error', `HTTP ${status}`);
  }
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
