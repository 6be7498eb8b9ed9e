// The notebooks, the flow picture and the terminal transcript must describe Vault's checks in the order
// the kubernetes auth plugin makes them (path_login.go in vault-plugin-auth-kubernetes v0.23.1, the
// version Vault v1.21.1 bundles): pathLogin calls parseAndValidateJWT, which compares the JWT's claims
// with the role's bound_service_account_names/namespaces, and only then sa.lookup sends the TokenReview.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { joinText, type Notebook } from '../../src/jupyter/notebooks.js';
import { repoRoot } from '../../src/paths.js';
import { script } from '../../src/record/terminal/script.js';

/** The role check: the role's bound names and namespaces. */
const ROLE = /bound_service_account_(?:names|namespaces)|bound service account names|role's bounds/i;
/** The TokenReview request. */
const REVIEW = /tokenreview/i;

/** Lines of markdown (list items, paragraphs), each cut into sentences. */
function sentences(markdown: string): string[] {
  return markdown.split('\n').flatMap((line) => line.split(/(?<=[.!?])\s+(?=[A-Z*`(])/));
}

/** Everything in `markdown` that puts the role check after the TokenReview, or against the wrong data. */
function orderProblems(markdown: string): string[] {
  const problems: string[] = [];
  for (const sentence of sentences(markdown)) {
    const role = sentence.search(ROLE);
    const review = sentence.search(REVIEW);
    if (role !== -1 && review !== -1 && (review < role || /\bafter\b/i.test(sentence.slice(role, review)))) {
      problems.push(`puts the role check after the TokenReview: ${sentence}`);
    }
    // The plugin compares the role with the JWT's claims, never with the TokenReview's answer.
    if (role !== -1 && /\bcompar/i.test(sentence) && !/claims/i.test(sentence)) {
      problems.push(`compares the role with something other than the JWT's claims: ${sentence}`);
    }
  }
  // A numbered list of steps must name the role check in an earlier step than the TokenReview.
  const steps = markdown.split('\n').filter((line) => /^\s*\d+\.\s/.test(line));
  const roleStep = steps.findIndex((line) => ROLE.test(line));
  const reviewStep = steps.findIndex((line) => REVIEW.test(line));
  if (roleStep !== -1 && reviewStep !== -1 && reviewStep < roleStep) {
    problems.push(`step ${reviewStep + 1} sends the TokenReview before step ${roleStep + 1} checks the role`);
  }
  return problems;
}

/** The numbered step labels of an SVG picture ("2. Role check ..."), by number. */
function svgSteps(svg: string): Map<number, string> {
  const steps = new Map<number, string>();
  for (const m of svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)) {
    const label = /^(\d+)\.\s+(.*)$/.exec((m[1] ?? '').trim());
    if (label) steps.set(Number(label[1]), label[2] ?? '');
  }
  return steps;
}

const dir = join(repoRoot, 'notebooks');
const NOTEBOOKS = readdirSync(dir)
  .filter((f) => /^\d\d-.+\.ipynb$/.test(f))
  .sort();
const markdownOf = (name: string) =>
  (JSON.parse(readFileSync(join(dir, name), 'utf8')) as Notebook).cells
    .filter((c) => c.cell_type === 'markdown')
    .map((c) => joinText(c.source))
    .join('\n\n');

describe('the order of checks in the prose', () => {
  it.each(NOTEBOOKS)('%s describes the role check before the TokenReview', (name) => {
    expect(orderProblems(markdownOf(name))).toEqual([]);
  });

  it("the terminal transcript's notes say the same", () => {
    expect(
      orderProblems(
        script('.lab/env')
          .map((s) => s.say ?? '')
          .join('\n'),
      ),
    ).toEqual([]);
  });

  it('the flow picture numbers the role check before the TokenReview request', () => {
    const steps = svgSteps(readFileSync(join(dir, 'images', 'flow.svg'), 'utf8'));
    const number = (pattern: RegExp) => [...steps].find(([, label]) => pattern.test(label))?.[0];
    const role = number(/role check/i);
    const review = number(/POST tokenreviews/);
    expect(role, 'a numbered step for the role check').toBeDefined();
    expect(review, 'a numbered step for the TokenReview').toBeDefined();
    expect(role).toBeLessThan(review ?? 0);
  });
});

describe('orderProblems', () => {
  it('finds a list of steps that reviews first and checks the role later', () => {
    const steps = [
      '1. The application sends its JWT.',
      '2. Vault asks the API server: `POST /apis/authentication.k8s.io/v1/tokenreviews`.',
      "3. Vault compares that name with the role's `bound_service_account_names`.",
    ].join('\n');
    expect(orderProblems(steps)).toHaveLength(2);
  });

  it("finds a sentence that compares the review's answer with the role", () => {
    const sentence =
      "Vault splits this into a namespace and a name and compares them with the role's `bound_service_account_namespaces`.";
    expect(orderProblems(sentence)).toEqual([expect.stringMatching(/other than the JWT's claims/)]);
  });

  it('finds a sentence that checks the role after the TokenReview', () => {
    expect(orderProblems("After the TokenReview, Vault checks the role's bounds.")).toHaveLength(1);
    expect(orderProblems("Vault checks the role's bounds after the TokenReview.")).toHaveLength(1);
  });

  it('accepts the order of the source', () => {
    const text =
      "Vault compares the JWT's claims with the role's `bound_service_account_names` before it sends any TokenReview.";
    expect(orderProblems(text)).toEqual([]);
  });
});

describe('svgSteps', () => {
  it('reads numbered labels from text elements', () => {
    const svg =
      '<svg><text x="1">1. login</text><text x="2" font-weight="bold">2. Role check</text><text>Vault</text></svg>';
    expect([...svgSteps(svg)]).toEqual([
      [1, 'login'],
      [2, 'Role check'],
    ]);
  });
});
