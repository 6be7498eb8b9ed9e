// Raw HTTPS to the API server, like curl: the notebooks show the exact status and body the server sent.
import { request } from 'node:https';

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

export interface RawResponse {
  method: string;
  url: string;
  status: number;
  statusText: string;
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/** Sends one request and returns whatever came back, never throwing on a 4xx or 5xx. */
export function rawRequest(target: KubeTarget, req: RawRequest): Promise<RawResponse> {
  const url = new URL(req.path, target.server);
  const payload = req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (payload !== undefined) headers['Content-Type'] = 'application/json';
  if (req.token) headers.Authorization = `Bearer ${req.token}`;
  return new Promise((resolve, reject) => {
    const call = request(
      url,
      { method: req.method, headers, ca: target.ca, cert: req.cert, key: req.key, timeout: req.timeoutMs ?? 15_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          const flat: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
          resolve({ method: req.method, url: url.toString(), status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: flat, text, json });
        });
      },
    );
    call.on('timeout', () => call.destroy(new Error(`${req.method} ${url} timed out`)));
    call.on('error', reject);
    if (payload !== undefined) call.write(payload);
    call.end();
  });
}
