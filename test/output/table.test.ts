import { describe, expect, it } from 'vitest';
import { escapeHtml, renderCell, toTable } from '../../src/output/table.js';

describe('toTable', () => {
  it('aligns records under the union of their keys', () => {
    const { text } = toTable([
      { name: 'vault-auth', namespace: 'demo' },
      { name: 'default', namespace: 'kube-system', age: 3 },
    ]);
    expect(text).toBe(
      [
        'name        namespace    age',
        '----------  -----------  ---',
        'vault-auth  demo',
        'default     kube-system  3',
      ].join('\n'),
    );
  });

  it('lays out [key, value] pairs like `vault read` (KEY / VALUE), objects as compact JSON', () => {
    const { text } = toTable([
      ['policies', ['default', 'demo']],
      ['metadata', { role: 'demo' }],
      ['renewable', true],
      ['missing', undefined],
      ['none', null],
    ]);
    expect(text).toBe(
      [
        'KEY        VALUE',
        '---------  ------------------',
        'policies   ["default","demo"]',
        'metadata   {"role":"demo"}',
        'renewable  true',
        'missing',
        'none       null',
      ].join('\n'),
    );
    expect(toTable([['a', 1]], { pairHeaders: ['claim', 'value'] }).text.split('\n')[0]).toBe('claim  value');
  });

  it('keeps the chosen columns, clips long text cells and flattens newlines', () => {
    const { text, html } = toTable([{ a: 'x'.repeat(30), b: 'line 1\nline 2', c: 'hidden' }], {
      columns: ['b', 'a'],
      maxWidth: 10,
    });
    expect(text.split('\n')[2]).toBe('line 1\\nl…  xxxxxxxxx…');
    expect(html).toContain('x'.repeat(30));
    expect(html).not.toContain('hidden');
  });

  it('escapes every cell and header in the HTML', () => {
    const { html } = toTable([{ '<b>': '<script>alert("x")</script>', n: { html: "<i>'" } }]);
    expect(html).not.toMatch(/<script>|<b>|<i>/);
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
    expect(html).toMatch(
      /^<table><thead><tr><th [^>]*>&#60;b&#62;<\/th><th [^>]*>n<\/th><\/tr><\/thead><tbody><tr><td /,
    );
    expect(html).toMatch(/<\/td><\/tr><\/tbody><\/table>$/);
  });

  it('passes every cell through the cell transform, before padding and escaping', () => {
    const { text, html } = toTable([{ secret: 'abc' }], { cell: (cell) => (cell === 'abc' ? '«masked»' : cell) });
    expect(text).toBe(['secret', '--------', '«masked»'].join('\n'));
    expect(html).toContain('«masked»');
  });

  it('renders a header alone for no rows', () => {
    expect(toTable([], { columns: ['name'] }).text).toBe('name\n----');
  });
});

describe('renderCell', () => {
  it('renders values the way a reader expects', () => {
    expect(renderCell('text')).toBe('text');
    expect(renderCell(42)).toBe('42');
    expect(renderCell(10n)).toBe('10');
    expect(renderCell({ big: 10n })).toBe('{"big":"10"}');
    expect(renderCell(new Date('2025-01-01T00:00:00Z'))).toBe('2025-01-01T00:00:00.000Z');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(renderCell(cyclic)).toBe('[object Object]');
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that matter', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  });
});
