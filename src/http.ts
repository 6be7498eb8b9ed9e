// The lab's one HTTP client: raw HTTP(S) like curl, so the notebooks show the exact status and body the server
// sent. The API server, Vault, the health probes and the downloader all go through request() here; a request
// that gets no answer at all becomes a RequestError naming the method, the URL and the cause.
import { request as plainRequest, type IncomingMessage } from 'node:http';
import { request as tlsRequest } from 'node:https';
import { RequestError } from './errors.js';

export interface HttpOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** PEM of the CA to trust for https (the lab's own CA, never the system store). */
  ca?: string;
  /** A client certificate and key, as kubectl uses for the admin user. */
  cert?: string;
  key?: string;
  /** How long the connection may stay silent before the request is given up. */
  timeoutMs?: number;
  /** Redirects to follow (downloads from GitHub releases are redirected); none by default. */
  maxRedirects?: number;
  /** The one-line fix a RequestError carries; a default that fits the cause when omitted. */
  fix?: string;
}

export interface HttpResponse {
  method: string;
  url: string;
  status: number;
  statusText: string;
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/** An answer whose body is still arriving, for downloads that count and check what they receive. */
export interface HttpStream {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: IncomingMessage;
}

const flatten = (headers: IncomingMessage['headers']) =>
  Object.fromEntries(
    Object.entries(headers).flatMap(([k, v]) => (v === undefined ? [] : [[k, Array.isArray(v) ? v.join(', ') : v]])),
  ) as Record<string, string>;

/** Opens a request and hands back the answer as it starts; follows redirects when asked. */
export function openRequest(url: string, opts: HttpOptions = {}): Promise<HttpStream> {
  const method = opts.method ?? 'GET';
  const target = new URL(url);
  const send = target.protocol === 'https:' ? tlsRequest : plainRequest;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  return new Promise<HttpStream>((resolve, reject) => {
    const call = send(
      target,
      { method, headers: opts.headers, ca: opts.ca, cert: opts.cert, key: opts.key, timeout: timeoutMs },
      (res) => {
        const location = res.headers.location;
        const status = res.statusCode ?? 0;
        if (location && status >= 300 && status < 400 && (opts.maxRedirects ?? 0) > 0) {
          res.resume();
          const next = new URL(location, target).toString();
          resolve(openRequest(next, { ...opts, maxRedirects: (opts.maxRedirects ?? 0) - 1 }));
          return;
        }
        resolve({ url: target.toString(), status, headers: flatten(res.headers), body: res });
      },
    );
    call.on('timeout', () =>
      call.destroy(Object.assign(new Error(`no answer within ${timeoutMs / 1000}s`), { code: 'ETIMEDOUT' })),
    );
    call.on('error', (cause) => reject(new RequestError(method, target.toString(), cause, opts.fix)));
    if (opts.body !== undefined) call.write(opts.body);
    call.end();
  });
}

/** Reads a body to the end; a connection that drops half-way is a RequestError, not a short answer. */
export async function readBody(stream: HttpStream, method = 'GET', fix?: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream.body) chunks.push(chunk as Buffer);
  } catch (cause) {
    throw new RequestError(method, stream.url, cause, fix);
  }
  return Buffer.concat(chunks);
}

/** Sends one request and returns whatever came back, never throwing on a 4xx or 5xx. */
export async function request(url: string, opts: HttpOptions = {}): Promise<HttpResponse> {
  const method = opts.method ?? 'GET';
  const stream = await openRequest(url, opts);
  const text = (await readBody(stream, method, opts.fix)).toString('utf8');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return {
    method,
    url: stream.url,
    status: stream.status,
    statusText: stream.body.statusMessage ?? '',
    headers: stream.headers,
    text,
    json,
  };
}

export interface KubeTarget {
  /** e.g. https://127.0.0.1:6443 */
  server: string;
  /** PEM of the CA that signed the server's certificate. */
  ca: string;
}

export interface RawRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  path: string;
  /** A bearer token, as in `curl -H "Authorization: Bearer $TOKEN"`. */
  token?: string;
  /** A client certificate and key, as kubectl uses for the admin user. */
  cert?: string;
  key?: string;
  body?: unknown;
  timeoutMs?: number;
}

export type RawResponse = HttpResponse;

/**
 * curl against the API server: one JSON request with the lab's CA, answered as it came, never throwing on a 4xx or
 * 5xx.
 */
export function rawRequest(target: KubeTarget, req: RawRequest): Promise<RawResponse> {
  const body = req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (req.token) headers.Authorization = `Bearer ${req.token}`;
  return request(new URL(req.path, target.server).toString(), {
    method: req.method,
    headers,
    body,
    ca: target.ca,
    cert: req.cert,
    key: req.key,
    timeoutMs: req.timeoutMs,
  });
}
