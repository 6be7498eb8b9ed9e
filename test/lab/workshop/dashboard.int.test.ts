// The host's dashboard against the real servers: a learner's progress shows up in their row, computed
// live, and the page renders it in headless Chromium (DOM read back, and a screenshot taken).
import { execa } from 'execa';
import { copyFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../../scripts/browser.mjs';
import { request } from '../../../src/http.js';
import { startDashboard, type Progress } from '../../../src/lab/workshop/dashboard.js';
import { writeJournal } from '../../../src/exercises/incident/journal.js';
import { prepare } from '../../../src/lab/workshop/prepare.js';
import { teardownWorkshop } from '../../../src/lab/workshop/workshop-teardown.js';
import { silent } from '../../../src/output/steps.js';
import { uniqueName } from '../../helpers.js';
import { learner, localHost } from './fixture.js';
import { removeTempDirs, tempDir } from '../../scratch.js';

const host = await localHost();
const dir = tempDir('dashboard');
const base = uniqueName('d').replace('-', '');
const [A, B] = [`${base}-01`, `${base}-02`];
let dashboard: Awaited<ReturnType<typeof startDashboard>>;

beforeAll(async () => {
  await prepare(host, { learners: 2, prefix: base, dir, hours: 1 }, silent);
  // Learner A gets through notebook 02's and 03's objects and 04's mount; B has done nothing yet.
  const a = learner(dir, A);
  await a.kube.ensureServiceAccount({ namespace: `${A}-lab-tokens`, name: 'app' });
  const app = { namespace: `${A}-lab-review`, name: 'app' };
  await a.kube.ensureServiceAccount(app);
  await a.kube.bindClusterRole(`${A}-lab-review-app-auth-delegator`, app);
  await a.vault.enableKubernetesAuth();
  // A's incident (seed 7 on a shared cluster breaks ca and issuer): a minute in, ca named; a hunch before it.
  const started = Date.now() - 120_000;
  const at = (s: number) => new Date(started + s * 1000).toISOString();
  await writeJournal(
    { kube: a.kube, name: (b) => `${A}-${b}` },
    {
      seed: 7,
      count: 2,
      started: at(0),
      entries: [
        { at: at(30), kind: 'diagnosis', cause: 'expiry', evidence: 'a hunch', verdict: 'wrong' },
        { at: at(60), kind: 'diagnosis', cause: 'ca', evidence: 'diff said they differ', verdict: 'right' },
      ],
    },
  );
  dashboard = await startDashboard(host);
});

afterAll(async () => {
  try {
    dashboard?.server.close();
    await teardownWorkshop(host, silent);
  } finally {
    removeTempDirs();
  }
});

const rowOf = (p: Progress, prefix: string) => p.learners.find((l) => l.prefix === prefix);

describe('workshop dashboard', () => {
  it("serves on 127.0.0.1 and computes each learner's row live", async () => {
    expect(dashboard.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const progress = (await (await fetch(`${dashboard.url}progress.json`)).json()) as Progress;
    const a = rowOf(progress, A);
    const b = rowOf(progress, B);
    expect(a?.cells).toMatchObject({
      '02-sa': 'done',
      '03-sa': 'done',
      '03-review': 'done',
      '04-mount': 'done',
      '04-config': 'not yet',
      '06-jwt': 'not yet',
      '08-incident': 'not yet',
    });
    expect(a?.notes['08-incident'], 'one of the two causes named').toBe('1/2');
    expect(
      Object.values(b?.cells ?? {}).every((c) => c === 'not yet'),
      JSON.stringify(b),
    ).toBe(true);
    // Live: B's first step flips as soon as B makes the object.
    await learner(dir, B).kube.ensureServiceAccount({ namespace: `${B}-lab-tokens`, name: 'app' });
    const again = (await (await fetch(`${dashboard.url}progress.json`)).json()) as Progress;
    expect(rowOf(again, B)?.cells['02-sa']).toBe('done');
  });

  it('answers only the URL it printed: a foreign Host header gets nothing, and served beyond 127.0.0.1 it asks for its token', async () => {
    const rebound = await request(`${dashboard.url}progress.json`, { headers: { Host: 'attacker.example' } });
    expect(rebound.status).toBe(403);
    expect(rebound.text).not.toContain(A);
    const shared = await startDashboard(host, { address: '127.0.0.1' });
    try {
      const url = new URL(shared.url);
      expect(url.searchParams.get('token')).toMatch(/^[0-9a-f]{48}$/);
      const bare = `${url.origin}/progress.json`;
      expect((await request(bare)).status).toBe(403);
      expect((await request(`${bare}?token=${'0'.repeat(48)}`)).status).toBe(403);
      const allowed = await request(`${url.origin}/progress.json${url.search}`, {
        headers: { Host: 'attacker.example' },
      });
      expect(allowed.status).toBe(200);
      expect(JSON.stringify(allowed.json)).toContain(A);
    } finally {
      shared.server.close();
    }
  });

  it('renders one row per learner and one column per step in headless Chromium, with a screenshot', async () => {
    const browser = findBrowser();
    expect(browser, 'a headless browser (scripts/browser.mjs installs chromium)').toBeDefined();
    const flags = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--virtual-time-budget=5000',
      '--window-size=1400,400',
    ];
    const dom = await execa(browser ?? 'chromium', [...flags, '--dump-dom', dashboard.url]);
    expect(dom.stdout).toContain(`<td class="learner">${A}</td>`);
    expect(dom.stdout).toContain(`<td class="learner">${B}</td>`);
    expect(dom.stdout).toMatch(/2 learners · checked live at/);
    expect(dom.stdout.match(/<th class="step">/g)?.length).toBe(10);
    expect(dom.stdout).toContain('<td class="count">4/10</td>');
    expect(dom.stdout, "A's incident: one of two causes named, beside the cell's mark").toMatch(
      /<td class="not-yet"[^>]*>· 1\/2<\/td>/,
    );
    const shot = join(tempDir('screenshot'), 'dashboard.png');
    await execa(browser ?? 'chromium', [...flags, `--screenshot=${shot}`, dashboard.url]);
    expect(statSync(shot).size).toBeGreaterThan(5_000);
    if (process.env.LAB_DASHBOARD_SCREENSHOT) copyFileSync(shot, process.env.LAB_DASHBOARD_SCREENSHOT);
  });
});
