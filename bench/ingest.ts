// npm run bench:ingest [-- --data DIR]
// How well the extractor reads reports, measured, not assumed:
// 1. the test corpus (tests/fixtures/ingest: eight reports with the entities and claims a reader
//    finds), with its small graph of known actors as the dictionary: precision and recall;
// 2. the seed article (seed/sources/czech-mfa-apt31-2025-05-28.txt) read with a dictionary
//    holding only what the ATT&CK and MISP imports put in a graph (parsed by the importers
//    from DIR, default ../shared/data): the share of the hand-made seed file's facts it
//    recovers. No Neo4j: the dictionary is what loadGraphDictionary would read.
// Writes bench/results/ingest-<date>.md.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT } from '../server/src/config';
import { parseMispGalaxy } from '../server/src/exchange/import/misp';
import { normalName } from '../server/src/exchange/import/names';
import { parseStixBundle } from '../server/src/exchange/import/stix';
import { withGazetteer } from '../server/src/ingest/dictionary';
import { evaluate, total, type ExpectedReport } from '../server/src/ingest/evaluate';
import { extract } from '../server/src/ingest/extract';
import type { DictionaryEntry, EntityLabel, Extraction } from '../server/src/ingest/types';

const { values } = parseArgs({ options: { data: { type: 'string' } } });
const DATA = path.resolve(values.data ?? path.join(REPO_ROOT, '..', 'shared', 'data'));
const CORPUS = path.join(REPO_ROOT, 'tests/fixtures/ingest');
const SEED = path.join(REPO_ROOT, 'seed/data/czech-mfa-apt31-2025-05-28.yaml');
const ARTICLE = path.join(REPO_ROOT, 'seed/sources/czech-mfa-apt31-2025-05-28.txt');
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const SCOPE = [
  'ATTRIBUTED_TO',
  'TARGETED',
  'AFFILIATED_WITH',
  'SANCTIONED',
  'SUMMONED',
  'CONDEMNED',
  'DENIED',
  'MADE',
];
/** The structural facts extracted since 2026-11-30: roles, bodies, members, statements' subjects. */
const STRUCTURAL = ['ROLE_IN', 'PART_OF', 'MEMBER_OF', 'ABOUT'];
const lines: string[] = [];
const say = (line = '') => {
  console.log(line);
  lines.push(line);
};

// --- 1. The corpus ------------------------------------------------------------------------
const graph = (
  JSON.parse(fs.readFileSync(path.join(CORPUS, 'graph.json'), 'utf8')) as DictionaryEntry[]
).map((e) => ({ ...e, aliases: e.aliases ?? [] }));
const corpusDictionary = withGazetteer(graph);
const rows: string[] = [];
const evaluations = fs
  .readdirSync(CORPUS)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((file) => {
    const expected = JSON.parse(
      fs.readFileSync(path.join(CORPUS, file.replace(/\.txt$/, '.json')), 'utf8'),
    ) as ExpectedReport;
    const started = performance.now();
    const result = extract(
      fs.readFileSync(path.join(CORPUS, file), 'utf8'),
      expected.source,
      corpusDictionary,
    );
    const ms = performance.now() - started;
    const e = evaluate(result, expected);
    rows.push(
      `| ${file} | ${e.entities.correct}/${e.entities.expected} (${e.entities.found} found) | ${e.claims.correct}/${e.claims.expected} (${e.claims.found} found) | ${ms.toFixed(0)} ms |`,
    );
    return e;
  });
const sum = total(evaluations);
say(`# Ingestion benchmark, ${new Date().toISOString().slice(0, 10)}`);
say();
say('## Test corpus (tests/fixtures/ingest)');
say();
say('| report | entities right/expected | claims right/expected | time |');
say('| --- | --- | --- | --- |');
rows.forEach((r) => say(r));
say();
say('| | recall | precision |');
say('| --- | --- | --- |');
say(
  `| entities (${sum.entities.expected} expected, ${sum.entities.found} found) | ${pct(sum.entities.recall)} | ${pct(sum.entities.precision)} |`,
);
say(
  `| claims (${sum.claims.expected} expected, ${sum.claims.found} found) | ${pct(sum.claims.recall)} | ${pct(sum.claims.precision)} |`,
);
say(`| asserters of matched claims | ${sum.asserters.right}/${sum.asserters.expected} right | |`);
say();
say(
  `Targets: entity recall >= 90 %, claim recall >= 80 %, precision >= 70 %: ${sum.entities.recall >= 0.9 && sum.claims.recall >= 0.8 && sum.entities.precision >= 0.7 && sum.claims.precision >= 0.7 ? 'met' : 'NOT met'}.`,
);
if (sum.entities.missed.length) say(`\nEntities missed: ${sum.entities.missed.join('; ')}`);
if (sum.entities.extra.length) say(`\nEntities not expected: ${sum.entities.extra.join('; ')}`);
if (sum.claims.missed.length) say(`\nClaims missed: ${sum.claims.missed.join('; ')}`);
if (sum.claims.extra.length) say(`\nClaims not expected: ${sum.claims.extra.join('; ')}`);

// --- 2. The seed article with ATT&CK and MISP only -----------------------------------------
say();
say('## The seed article, with a graph of ATT&CK and MISP only');
say();
const attack = path.join(DATA, 'enterprise-attack-18.1.reconstructed.json');
const misp = path.join(DATA, 'threat-actor.json');
if (!fs.existsSync(attack) || !fs.existsSync(misp)) {
  say(`Skipped: ${attack} or ${misp} is missing (give --data DIR).`);
} else {
  const dictionary = withGazetteer(
    importedDictionary([
      parseStixBundle(attack, fs.readFileSync(attack, 'utf8')),
      parseMispGalaxy(misp, fs.readFileSync(misp, 'utf8')),
    ]),
  );
  say(
    `Dictionary: ${dictionary.length.toLocaleString('en')} entries (${dictionary.filter((d) => d.label === 'Actor').length.toLocaleString('en')} actors with their aliases) plus the gazetteer.`,
  );
  const article = fs.readFileSync(ARTICLE, 'utf8');
  const started = performance.now();
  const result = extract(
    article,
    {
      published: '2025-05-28',
      title: 'Czech Republic: China launched a malicious cyber operation',
    },
    dictionary,
  );
  say(
    `Extraction took ${(performance.now() - started).toFixed(0)} ms: ${result.entities.length} entities, ${result.claims.length} claims.`,
  );
  const seed = parseYaml(fs.readFileSync(SEED, 'utf8')) as SeedFile;
  const score = seedRecall(seed, result, article);
  say();
  say('| facts of the seed file | recovered |');
  say('| --- | --- |');
  say(
    `| of the extracted types (${SCOPE.join(', ')}), both ends named in the article | ${score.named.hit}/${score.named.total} = ${pct(score.named.hit / score.named.total)} |`,
  );
  say(
    `| of the extracted types, all (including the sanctioned company and people the article does not name) | ${score.scope.hit}/${score.scope.total} = ${pct(score.scope.hit / score.scope.total)} |`,
  );
  say(
    `| of the structural types (${STRUCTURAL.join(', ')}), both ends named in the article | ${score.structural.hit}/${score.structural.total} = ${pct(score.structural.hit / score.structural.total)} |`,
  );
  say(
    `| of all the extracted types, both ends named in the article | ${score.namedAll.hit}/${score.namedAll.total} = ${pct(score.namedAll.hit / score.namedAll.total)} |`,
  );
  say(
    `| every relationship of the file (CITES, REPORTED_BY, RESPONDED_TO… are not extracted) | ${score.all.hit}/${score.all.total} = ${pct(score.all.hit / score.all.total)} |`,
  );
  say();
  say(`Missed (named in the article): ${score.missed.join('; ') || 'none'}`);
  say();
  say(`Extracted claims that match no fact of the seed file: ${score.extra.join('; ') || 'none'}`);
}

const out = path.join(
  REPO_ROOT,
  'bench/results',
  `ingest-${new Date().toISOString().slice(0, 10)}.md`,
);
fs.writeFileSync(out, `${lines.join('\n')}\n`);
console.log(`\nwrote ${path.relative(REPO_ROOT, out)}`);

// -------------------------------------------------------------------------------------------
function importedDictionary(batches: ReturnType<typeof parseStixBundle>[]): DictionaryEntry[] {
  const wanted = new Set<string>(['Actor', 'State', 'Organisation', 'Person', 'Operation']);
  return batches.flatMap((b) =>
    b.nodes
      .filter((n) => wanted.has(n.label))
      .map((n) => ({
        id: n.preferredId ?? `${n.label.toLowerCase()}:${normalName(n.props.name)}`,
        label: n.label as EntityLabel,
        name: n.props.name,
        aliases: Array.isArray(n.props.aliases) ? (n.props.aliases as string[]) : [],
        ...(typeof n.props.iso2 === 'string' ? { props: { iso2: n.props.iso2 } } : {}),
      })),
  );
}

interface SeedFile {
  nodes: {
    id: string;
    label: string;
    name: string;
    aliases?: string[];
    text?: string;
    sources?: string[];
  }[];
  relationships: { type: string; from: string; to: string }[];
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]{4,}/g) ?? [];
}

function seedRecall(seed: SeedFile, result: Extraction, article: string) {
  const nodes = new Map(seed.nodes.map((n) => [n.id, n]));
  const byRef = new Map(result.entities.map((e) => [e.ref, e]));
  const endMatches = (seedId: string, ref: string) => {
    const n = nodes.get(seedId);
    const e = byRef.get(ref);
    if (!n || !e) return false;
    if (n.label === 'Operation') return e.label === 'Operation';
    if (n.label === 'Statement') {
      if (e.label !== 'Statement') return false;
      const mine = words(typeof e.props?.text === 'string' ? e.props.text : '');
      const theirs = new Set(words(n.text ?? ''));
      return mine.length > 0 && mine.filter((w) => theirs.has(w)).length / mine.length >= 0.6;
    }
    return [n.name, ...(n.aliases ?? [])].some((x) => normalName(x) === normalName(e.name));
  };
  /** A node the article names (in its words, not only through another source). */
  const named = (id: string) => {
    const n = nodes.get(id)!;
    if (n.label === 'Operation' || n.label === 'Statement') return true;
    return [n.name, ...(n.aliases ?? [])].some((x) =>
      article.toLowerCase().includes(x.toLowerCase()),
    );
  };
  const found = (r: SeedFile['relationships'][number]) =>
    result.claims.find(
      (c) => c.type === r.type && endMatches(r.from, c.from) && endMatches(r.to, c.to),
    );
  const count = (list: SeedFile['relationships']) => ({
    hit: list.filter((r) => found(r)).length,
    total: list.length,
  });
  const scope = seed.relationships.filter((r) => SCOPE.includes(r.type));
  const namedScope = scope.filter((r) => named(r.from) && named(r.to));
  const structural = seed.relationships.filter(
    (r) => STRUCTURAL.includes(r.type) && named(r.from) && named(r.to),
  );
  const matched = new Set(seed.relationships.map(found).filter(Boolean));
  return {
    all: count(seed.relationships),
    scope: count(scope),
    named: count(namedScope),
    structural: count(structural),
    namedAll: count([...namedScope, ...structural]),
    missed: [...namedScope, ...structural]
      .filter((r) => !found(r))
      .map((r) => `${r.type} ${r.from} -> ${r.to}`),
    extra: result.claims
      .filter((c) => !matched.has(c))
      .map((c) => `${c.type} ${byRef.get(c.from)?.name} -> ${byRef.get(c.to)?.name}`),
  };
}
