// What the tracer keeps of one TokenReview: who sent it, whose token it reviewed, for which audiences, and what
// the API server answered, how fast, and whether its token cache could have answered. Never a token: a JWT is
// kept as its identity, and the cache check keeps only a hash.
import { createHash } from 'node:crypto';
import { decodeJwt, isJwt } from '../jwt.js';
import { TOKEN_SUCCESS_CACHE_MS } from '../kube/tokens.js';

export interface TraceEntry {
  /** When the request reached the tracer (ISO 8601). */
  at: string;
  /** Who sent the TokenReview: the identity in its bearer token (the reviewer). */
  bearer: string;
  /** Whose token is under review: the identity in spec.token (the client logging in to Vault). */
  reviewed: string;
  /** spec.audiences, as sent; empty means the API server's own audiences. */
  audiences: string[];
  status: number;
  /** status.authenticated of a 201, false otherwise. */
  authenticated: boolean;
  /** status.user.username of an authenticated review. */
  user?: string;
  /** Why not: status.error of a 201, or the message of a refusal (403, 401). */
  reason?: string;
  latencyMs: number;
  /**
   * True when the same token and audiences passed a review the tracer saw less than 10 s before: the API server's
   * cache could answer (reviews that did not go through the tracer are not counted).
   */
  cacheable: boolean;
}

/** A JWT as the identity it claims: `system:serviceaccount:NS:NAME (pod P)`, or what else the text is. */
export function identityOf(token: string | undefined): string {
  if (!token) return 'no token';
  if (!isJwt(token)) return `not a JWT (${token.length} chars)`;
  const { claims } = decodeJwt(token);
  const k8s = claims['kubernetes.io'] as { pod?: { name?: string } } | undefined;
  const pod = k8s?.pod?.name ? ` (pod ${k8s.pod.name})` : '';
  return `${String(claims.sub ?? 'no sub claim')}${pod}`;
}

const bearerOf = (authorization: string | undefined) => /^Bearer\s+(\S+)/i.exec(authorization ?? '')?.[1];

interface Parsed {
  spec?: { token?: string; audiences?: string[] };
  status?: { authenticated?: boolean; user?: { username?: string }; error?: string };
  message?: string;
}

function parse(body: string): Parsed {
  try {
    return JSON.parse(body) as Parsed;
  } catch {
    return {};
  }
}

/** Builds the entries from the requests the tracer saw; the only memory is a hash per token and audiences. */
export class TraceLog {
  readonly entries: TraceEntry[] = [];
  private readonly lastAuthenticated = new Map<string, number>();

  add(
    exchange: { authorization?: string; requestBody: string; status: number; responseBody: string },
    started: number,
    finished: number,
  ): TraceEntry {
    const request = parse(exchange.requestBody);
    const response = parse(exchange.responseBody);
    const audiences = request.spec?.audiences ?? [];
    const key = createHash('sha256')
      .update(`${request.spec?.token ?? ''}\0${[...audiences].sort().join(',')}`)
      .digest('hex');
    const last = this.lastAuthenticated.get(key);
    const authenticated = exchange.status === 201 && response.status?.authenticated === true;
    if (authenticated) this.lastAuthenticated.set(key, started);
    const entry: TraceEntry = {
      at: new Date(started).toISOString(),
      bearer: identityOf(bearerOf(exchange.authorization)),
      reviewed: identityOf(request.spec?.token),
      audiences,
      status: exchange.status,
      authenticated,
      ...(response.status?.user?.username ? { user: response.status.user.username } : {}),
      ...((response.status?.error ?? response.message) ? { reason: response.status?.error ?? response.message } : {}),
      latencyMs: finished - started,
      // Only a review the API server ran reads the cache; a refused create (403) never authenticated the token.
      cacheable: exchange.status === 201 && last !== undefined && started - last < TOKEN_SUCCESS_CACHE_MS,
    };
    this.entries.push(entry);
    return entry;
  }
}
