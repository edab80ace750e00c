// Ingestion against the real Neo4j: each report of the test corpus goes in through the API,
// its draft is reviewed (every claim accepted) and committed with its Source, entities,
// claims and change records; bad input and refused commits write nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestDraft } from '../../server/src/contract/ingest';
import type { RunningServer } from '../../server/src/server';
import { graphCounts, reseed } from '../support/db';
import { startTestServer } from '../support/server';
import { changesOf, send } from '../support/workbench';

const DIR = join(import.meta.dirname, '../fixtures/ingest');
const reports = readdirSync(DIR)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => ({
    file: f,
    text: readFileSync(join(DIR, f), 'utf8'),
    source: (
      JSON.parse(readFileSync(join(DIR, f.replace(/\.txt$/, '.json')), 'utf8')) as {
        source: { title: string; published: string };
      }
    ).source,
  }));

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
  await reseed(server.db);
});
afterAll(async () => {
  await reseed(server.db);
  await server.db.write('MATCH (d:IngestDraft) DELETE d');
  await server.stop();
});

async function upload(file: Blob, name: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.set('file', file, name);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const response = await fetch(`${server.url}/api/ingest`, { method: 'POST', body: form });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Posts a report for a draft (201 expected) and returns the draft. */
async function draftOf(text: string, source: { title: string; published?: string }) {
  const answer = await send(server, 'POST', '/api/ingest', { text, source });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body as IngestDraft;
}

const accepted = (draft: IngestDraft) => ({
  entities: draft.entities,
  claims: draft.claims.map((c) => ({ ...c, status: 'accepted' as const })),
});

describe('POST /api/ingest and commit, for each report of the corpus', () => {
  it.each(reports.map((r) => [r.file, r] as const))(
    '%s goes in, is committed and found',
    async (_f, r) => {
      const draft = await draftOf(r.text, r.source);
      expect(draft.draftId).toMatch(/^draft:/);
      expect(draft.claims.length).toBeGreaterThan(0);
      for (const e of draft.entities)
        for (const m of e.mentions) expect(m.end).toBeLessThanOrEqual(draft.text.length);

      const resumed = await send(server, 'GET', `/api/ingest/${draft.draftId}`);
      expect(resumed.status).toBe(200);
      expect(resumed.body.claims).toEqual(draft.claims);

      const commit = await send(
        server,
        'POST',
        `/api/ingest/${draft.draftId}/commit`,
        accepted(draft),
      );
      expect(commit.status, JSON.stringify(commit.body)).toBe(200);
      expect(commit.body.relationships.length).toBeGreaterThan(0);

      const source = await send(
        server,
        'GET',
        `/api/nodes/${encodeURIComponent(commit.body.source)}`,
      );
      expect(source.status).toBe(200);
      const stored = await server.db.read<{ text: string; sha256: string }>(
        'MATCH (s:Source {id: $id}) RETURN s.text AS text, s.sha256 AS sha256',
        { id: commit.body.source },
      );
      expect(stored[0]!.text).toBe(draft.text);
      expect(stored[0]!.sha256).toBe(draft.sha256);

      for (const { id } of commit.body.relationships as { id: string }[]) {
        const rel = await send(server, 'GET', `/api/relationships/${encodeURIComponent(id)}`);
        expect(rel.status).toBe(200);
        const claim = rel.body.relationship ?? rel.body;
        expect(claim.sources).toContain(commit.body.source);
        expect(draft.text.slice(claim.evidenceStart, claim.evidenceEnd).trim()).toBe(
          claim.evidence,
        );
        // The inspector's view: the sentence in its paragraph, which is part of the text, and
        // the Source without its (report-sized) text.
        const context = rel.body.evidenceContext;
        expect(context.source).toBe(commit.body.source);
        expect(context.sentence).toBe(draft.text.slice(claim.evidenceStart, claim.evidenceEnd));
        // (A long paragraph is cut, with an ellipsis at the cut.)
        const shown = `${context.before}${context.sentence}${context.after}`;
        expect(draft.text).toContain(shown.replace(/^…/, '').replace(/…$/, ''));
        expect(rel.body.sources.every((s: { text?: string }) => s.text === undefined)).toBe(true);
        const changes = await changesOf(server, id);
        expect(changes[0].cause).toContain(draft.draftId);
        // A ROLE_IN keeps the role its title gave.
        const proposed = draft.claims.find(
          (c) =>
            c.ref ===
            (commit.body.relationships as { ref: string; id: string }[]).find((x) => x.id === id)
              ?.ref,
        );
        if (proposed?.role) expect(claim.role).toBe(proposed.role);
      }
      // Every structural claim the extractor proposed was committed (the model allows its ends).
      const structural = draft.claims.filter((c) =>
        ['ROLE_IN', 'PART_OF', 'MEMBER_OF', 'ABOUT'].includes(c.type),
      );
      expect(structural.length).toBeGreaterThan(0);
      for (const c of structural)
        expect(
          (commit.body.relationships as { ref: string }[]).some((x) => x.ref === c.ref),
          `${c.type} ${c.ref}`,
        ).toBe(true);
      expect((await send(server, 'GET', `/api/ingest/${draft.draftId}`)).status).toBe(404);
    },
  );

  it("offers the graph's operation on the same target as a candidate, and a commit linked to it makes no copy", async () => {
    const draft = await draftOf(
      'The Czech government said that the cyber attack on the Czech Ministry of Foreign Affairs originated from APT31.',
      { title: 'Recap of the Czech attribution', published: '2025-06-02' },
    );
    const operation = draft.entities.find((e) => e.label === 'Operation')!;
    expect(operation.matchId).toBeUndefined();
    expect(operation.candidates?.map((c) => c.id)).toContain('operation:czech-mfa-2022');
    const before = await server.db.read<{ n: number }>('MATCH (o:Operation) RETURN count(o) AS n');
    const linked = accepted(draft);
    linked.entities = linked.entities.map((e) =>
      e.ref === operation.ref ? { ...e, matchId: 'operation:czech-mfa-2022' } : e,
    );
    const committed = await send(server, 'POST', `/api/ingest/${draft.draftId}/commit`, linked);
    expect(committed.status, JSON.stringify(committed.body)).toBe(200);
    const after = await server.db.read<{ n: number }>('MATCH (o:Operation) RETURN count(o) AS n');
    expect(after[0]!.n).toBe(before[0]!.n);
    const attributions = await server.db.read<{ n: number }>(
      `MATCH (s:Source {name: 'Recap of the Czech attribution'})
       MATCH (:Operation {id: 'operation:czech-mfa-2022'})-[r:ATTRIBUTED_TO]->(:Actor {id: 'actor:apt31'})
       WHERE s.id IN r.sources
       RETURN count(r) AS n`,
    );
    expect(attributions[0]!.n).toBe(1);
  });

  it('links known names to existing nodes instead of creating them', async () => {
    const draft = await draftOf(
      'The Czech government said that the attack was carried out by Zirconium. China denied the allegations.',
      { title: 'Alias check', published: '2025-06-01' },
    );
    const apt31 = draft.entities.find((e) => e.name === 'APT31');
    expect(apt31?.matchId).toBe('actor:apt31');
    await send(server, 'DELETE', `/api/ingest/${draft.draftId}`);
  });
});

describe('bad input and refused commits write nothing', () => {
  async function unchanged(act: () => Promise<{ status: number; body: any }>, status: number) {
    const before = await graphCounts(server.db);
    const answer = await act();
    expect(answer.status, JSON.stringify(answer.body)).toBe(status);
    expect(answer.body.error.message.length).toBeGreaterThan(10);
    expect(await graphCounts(server.db)).toEqual(before);
    return answer.body.error as { code: string; message: string };
  }

  it('empty text: 400', async () => {
    const error = await unchanged(
      () => send(server, 'POST', '/api/ingest', { text: '  \n ' }),
      400,
    );
    expect(error.message).toMatch(/no text/);
  });

  it('a 50 MB file: 413', async () => {
    const error = await unchanged(
      () => upload(new Blob([new Uint8Array(50 * 1024 * 1024).fill(65)]), 'big.txt'),
      413,
    );
    expect(error.message).toMatch(/10 MB/);
  });

  it('binary garbage: 422', async () => {
    const bytes = new Uint8Array(8192).map((_, i) => (i * 7919 + 13) % 256);
    const error = await unchanged(() => upload(new Blob([bytes]), 'garbage.bin'), 422);
    expect(error.message).toMatch(/binary|UTF-8/);
  });

  it('an image-only PDF: 422', async () => {
    const error = await unchanged(
      () => upload(new Blob([imageOnlyPdf()], { type: 'application/pdf' }), 'scan.pdf'),
      422,
    );
    expect(error.message).toMatch(/text layer/);
  });

  it('a claim whose ends the model does not allow: 400 naming the claim, draft kept', async () => {
    const draft = await draftOf(
      'NATO condemned the attack on the Dutch Ministry of Defence, which was carried out by APT28.',
      { title: 'Refused commit', published: '2025-06-03' },
    );
    const review = accepted(draft);
    const first = review.claims[0]!;
    review.claims[0] = { ...first, type: 'SUMMONED' };
    const error = await unchanged(
      () => send(server, 'POST', `/api/ingest/${draft.draftId}/commit`, review),
      400,
    );
    expect(error.message).toContain(`claims.${first.ref}`);
    expect((await send(server, 'GET', `/api/ingest/${draft.draftId}`)).status).toBe(200);
    await send(server, 'DELETE', `/api/ingest/${draft.draftId}`);
  });

  it('a review can be kept and resumed', async () => {
    const answer = await send(server, 'POST', '/api/ingest', {
      text: 'NATO condemned the attack, which was carried out by APT28.',
      source: { title: 'Kept review' },
    });
    const draft = answer.body as IngestDraft;
    const review = {
      entities: draft.entities,
      claims: draft.claims.map((c) => ({ ...c, status: 'rejected' as const })),
    };
    expect((await send(server, 'PUT', `/api/ingest/${draft.draftId}`, review)).status).toBe(200);
    const again = await send(server, 'GET', `/api/ingest/${draft.draftId}`);
    expect(again.body.claims.every((c: { status: string }) => c.status === 'rejected')).toBe(true);
    const list = await send(server, 'GET', '/api/ingest');
    expect(list.body.drafts.some((d: { draftId: string }) => d.draftId === draft.draftId)).toBe(
      true,
    );
    expect((await send(server, 'DELETE', `/api/ingest/${draft.draftId}`)).status).toBe(204);
  });
});

function imageOnlyPdf(): Uint8Array<ArrayBuffer> {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>',
    '<< /Length 0 >>\nstream\n\nendstream',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}
