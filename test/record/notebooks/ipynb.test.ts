import { describe, expect, it } from 'vitest';
import type { Notebook } from '../../../src/jupyter/notebooks.js';
import { attachImages, formatNotebook, notebookTitle, recordingNote } from '../../../src/record/notebooks/ipynb.js';

const nb = (): Notebook => ({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { z: 1, a: 2 },
  cells: [
    {
      cell_type: 'markdown',
      source:
        '# 01 · The `role`\n\n![flow](images/flow.svg)\n![remote](https://example.org/x.png)\n![missing](images/none.svg)',
      metadata: {},
    },
    {
      cell_type: 'code',
      source: 'show(1)\nshow(2)',
      execution_count: 1,
      metadata: {},
      outputs: [
        {
          output_type: 'display_data',
          data: { 'text/plain': 'a\nb', 'application/json': { k: 'v' } as unknown as string },
        },
      ],
    },
  ],
});

describe('formatNotebook', () => {
  it("writes nbformat's layout: sorted keys, one-space indent, text split into lines, JSON left whole", () => {
    const text = formatNotebook(nb());
    expect(text.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(text) as {
      metadata: object;
      cells: Array<{ source: string[]; outputs?: Array<{ data: Record<string, unknown> }> }>;
    };
    expect(Object.keys(parsed.metadata)).toEqual(['a', 'z']);
    expect(parsed.cells[1]?.source).toEqual(['show(1)\n', 'show(2)']);
    expect(parsed.cells[1]?.outputs?.[0]?.data).toEqual({ 'application/json': { k: 'v' }, 'text/plain': ['a\n', 'b'] });
    expect(text).toContain('\n "cells": [\n  {\n');
  });

  it('is deterministic', () => {
    expect(formatNotebook(nb())).toBe(formatNotebook(nb()));
  });
});

describe('attachImages', () => {
  it('moves local pictures into attachments and leaves links to the web and missing files alone', () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>');
    const out = attachImages(nb(), (path) => (path === 'images/flow.svg' ? svg : undefined));
    const cell = out.cells[0] as Notebook['cells'][number] & { attachments?: Record<string, Record<string, string>> };
    expect(cell.source).toBe(
      '# 01 · The `role`\n\n![flow](attachment:flow.svg)\n![remote](https://example.org/x.png)\n![missing](images/none.svg)',
    );
    expect(cell.attachments).toEqual({ 'flow.svg': { 'image/svg+xml': svg.toString('base64') } });
  });
});

describe('notebookTitle and recordingNote', () => {
  it("takes the first heading, skipping the recording's own note", () => {
    const withNote = { ...nb(), cells: [recordingNote('local', 'README.md#placeholders'), ...nb().cells] };
    expect(notebookTitle(withNote, 'fallback')).toBe('01 · The role');
    expect(withNote.cells[0]?.source).toMatch(/executed by `npm run record` against the lab's \*\*local\*\* backend/);
  });
});
