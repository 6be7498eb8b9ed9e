// A login as a sequence diagram: the application, Vault and the API server as lifelines, one arrow per message,
// each naming the bearer it carries. Pure: it draws what it is given as SVG for the notebook and as text lines
// for everything else, redacted like every other output.
import { redactText } from './redact.js';
import type { Rendered } from './render.js';
import { escapeHtml } from './table.js';

/** One TokenReview as the tracer (tracer/trace.ts) records it: only what the diagram draws. */
export interface TracedReview {
  bearer: string;
  reviewed: string;
  audiences: readonly string[];
  status: number;
  authenticated: boolean;
  user?: string;
  reason?: string;
  latencyMs: number;
  cacheable: boolean;
}

export interface TraceOptions {
  /** Who logs in (the first lifeline); "application" unless named. */
  client?: string;
  /** The API server's lifeline, when it is not the lab's own ("API server"). */
  server?: string;
  /** What Vault answered the client, as its last arrow: "200: a Vault token", "403: permission denied". */
  answer?: string;
}

type Tone = 'ask' | 'ok' | 'refused';
interface Arrow {
  from: 0 | 1 | 2;
  to: 0 | 1 | 2;
  lines: string[];
  tone: Tone;
}

const LIVES = (client: string, server: string) => [client, 'Vault', server];
const COLOR: Record<Tone, string> = { ask: '#333', ok: '#2e7d32', refused: '#c62828' };

/** The messages of each review: login, TokenReview, the API server's answer, then Vault's own answer. */
export function traceArrows(reviews: readonly TracedReview[], options: TraceOptions = {}): Arrow[] {
  const arrows: Arrow[] = reviews.flatMap((r): Arrow[] => {
    const audiences = r.audiences.length ? r.audiences.join(', ') : "none (the API server's own)";
    const verdict = r.authenticated ? `authenticated as ${r.user ?? '?'}` : (r.reason ?? 'not authenticated');
    return [
      { from: 0, to: 1, lines: ['login', `with the token of ${r.reviewed}`], tone: 'ask' },
      {
        from: 1,
        to: 2,
        lines: ['POST TokenReview', `bearer: ${r.bearer}`, `reviews: ${r.reviewed}`, `audiences: ${audiences}`],
        tone: 'ask',
      },
      {
        from: 2,
        to: 1,
        lines: [
          `${r.status} ${verdict}`,
          `(took ${r.latencyMs}ms)${r.cacheable ? ' same token passed < 10 s ago: cache could answer' : ''}`,
        ],
        tone: r.authenticated ? 'ok' : 'refused',
      },
    ];
  });
  if (options.answer) {
    const ok = /^2\d\d\b/.test(options.answer);
    arrows.push({ from: 1, to: 0, lines: [options.answer], tone: ok ? 'ok' : 'refused' });
  }
  return arrows.map((a) => ({ ...a, lines: a.lines.flatMap((line) => wrap(redactText(line))) }));
}

const WRAP = 64;

/** Breaks a long line (a refusal's message) at spaces, so the diagram stays narrow enough to read. */
export function wrap(line: string, width = WRAP): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest.length > width) {
    const cut = rest.lastIndexOf(' ', width);
    // A space inside the indent of a continued line is no place to break.
    const at = cut > 2 ? cut : width;
    out.push(rest.slice(0, at));
    rest = `  ${rest.slice(at).trimStart()}`;
  }
  return [...out, rest];
}

const X = [80, 300, 520];
const LINE = 15;
// A 12 px monospace glyph is a little over 7 px wide.
const GLYPH = 7.3;

function svgOf(lives: string[], arrows: Arrow[]): string {
  let y = 50;
  const parts: string[] = [];
  for (const a of arrows) {
    const [x1, x2] = [X[a.from] as number, X[a.to] as number];
    const left = Math.min(x1, x2) + 8;
    a.lines.forEach((line, i) => {
      parts.push(`<text x="${left}" y="${y + i * LINE}" fill="${COLOR[a.tone]}">${escapeHtml(line)}</text>`);
    });
    y += a.lines.length * LINE - 6;
    const head = x2 > x1 ? x2 - 8 : x2 + 8;
    parts.push(
      `<line x1="${x1}" y1="${y}" x2="${x2}" y2="${y}" stroke="${COLOR[a.tone]}" stroke-width="1.5"/>`,
      `<polygon points="${x2},${y} ${head},${y - 4} ${head},${y + 4}" fill="${COLOR[a.tone]}"/>`,
    );
    y += 28;
  }
  const height = y + 10;
  // As wide as the longest line can be (WRAP), so the picture's size never depends on a run's values.
  const width = Math.ceil((X[1] as number) + 8 + GLYPH * (WRAP + 2) + 12);
  const heads = lives.map(
    (name, i) =>
      `<rect x="${(X[i] as number) - 60}" y="6" width="120" height="24" rx="4" fill="#eef2f7" stroke="#567"/>` +
      `<text x="${X[i]}" y="23" text-anchor="middle" font-weight="bold">${escapeHtml(name)}</text>` +
      `<line x1="${X[i]}" y1="30" x2="${X[i]}" y2="${height - 4}" stroke="#99a" stroke-dasharray="4 3"/>`,
  );
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="monospace" ` +
    `font-size="12">${heads.join('')}${parts.join('')}</svg>`
  );
}

function textOf(lives: string[], arrows: Arrow[]): string {
  return arrows
    .map((a) => {
      const head = `${lives[a.from]} → ${lives[a.to]}`;
      return [`${head.padEnd(26)}${a.lines[0]}`, ...a.lines.slice(1).map((l) => `${''.padEnd(26)}${l}`)].join('\n');
    })
    .join('\n');
}

/** The diagram of one or more reviews, as an SVG image with its text beside it. */
export function renderTrace(reviews: readonly TracedReview[], options: TraceOptions = {}): Rendered {
  const lives = LIVES(options.client ?? 'application', options.server ?? 'API server');
  const arrows = traceArrows(reviews, options);
  const text = reviews.length ? textOf(lives, arrows) : 'No TokenReview went through the tracer.';
  // The tracer's record travels in the metadata, so a test reads who was the bearer and what came back.
  const trace = reviews.map(({ bearer, reviewed, status, authenticated }) => ({
    bearer,
    reviewed,
    status,
    authenticated,
  }));
  return { bundle: { 'image/svg+xml': svgOf(lives, arrows), 'text/plain': text }, text, metadata: { lab: { trace } } };
}
