// Writes a write plan's rows as CSV for Neo4j's bulk importer (`neo4j-admin database import
// full`), streamed to disk as rows arrive: a million-node graph never sits in memory as text.
//
// The importer takes one header per file, so rows are grouped by label (or relationship
// type) and by the exact set of properties and value types they carry: each group is a file
// with its own header (`id:ID,:LABEL,name,verbatim:boolean,aliases:string[]`, or
// `:START_ID,:END_ID,:TYPE,id,…`; a list, the labels among them, is split at U+001F). The stored graph is then the one the transactional writer
// (loader/write.ts) makes: every node has the Entity label and its own, its id as a property;
// every relationship its props and the `recordedAt` stamp. Numbers are stored as floats, as
// the JavaScript driver sends them; an empty list is left out (the importer cannot type it).
import fs from 'node:fs';
import path from 'node:path';
import { ENTITY_LABEL } from '../../db/schema';
import type { NodeLabel, RelationshipType } from '../../model/model';
import type { NodeRow, RelationshipRow, WritePlan } from '../write-plan';

/** Separates a list's items inside one field: a control character no text here contains. */
export const ARRAY_DELIMITER = '\u001f';
const FLUSH_AT = 1 << 20; // bytes buffered per file before they are written

type ColumnType = 'string' | 'boolean' | 'double' | 'string[]' | 'boolean[]' | 'double[]';

export class BulkCsvError extends Error {
  override name = 'BulkCsvError';
}

/** The files the importer is given, each with its header as the first line. */
export interface BulkCsvFiles {
  nodes: string[];
  relationships: string[];
  /** Some value holds a line break: the importer must be told (it is slower then). */
  multiline: boolean;
  nodeCount: number;
  relationshipCount: number;
}

/**
 * One CSV file, written through a fixed byte buffer: lines are encoded straight into it,
 * so no long string (and no garbage the size of the file) is ever built.
 */
class CsvFile {
  private readonly buffer = Buffer.allocUnsafe(FLUSH_AT);
  private used = 0;
  private readonly fd: number;
  constructor(
    readonly file: string,
    header: string,
  ) {
    this.fd = fs.openSync(file, 'w');
    this.line(header);
  }
  line(text: string): void {
    // At most 3 bytes per UTF-16 unit in UTF-8: flush first unless the line surely fits.
    if (this.used + text.length * 3 + 1 > FLUSH_AT) this.flush();
    if (text.length * 3 + 1 > FLUSH_AT) {
      fs.writeSync(this.fd, text + '\n');
      return;
    }
    this.used += this.buffer.write(text, this.used);
    this.buffer[this.used++] = 0x0a;
  }
  flush(): void {
    if (this.used > 0) fs.writeSync(this.fd, this.buffer, 0, this.used);
    this.used = 0;
  }
  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }
}

function typeOf(value: unknown, where: () => string): ColumnType {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number' && Number.isFinite(value)) return 'double';
  if (Array.isArray(value) && value.length > 0) {
    const first = typeOf(value[0], where);
    if (first.endsWith('[]') || !value.every((v) => typeOf(v, where) === first))
      throw new BulkCsvError(`${where()}: a list must hold values of one plain type`);
    return `${first}[]` as ColumnType;
  }
  throw new BulkCsvError(`${where()}: ${JSON.stringify(value)} cannot be stored by the importer`);
}

const quote = (text: string) =>
  text.includes('"') ? `"${text.replaceAll('"', '""')}"` : `"${text}"`;

function field(value: unknown, type: ColumnType, where: () => string): string {
  if (type === 'string') return quote(value as string);
  if (!type.endsWith('[]')) return String(value);
  const items = (value as unknown[]).map(String);
  if (items.some((item) => item.includes(ARRAY_DELIMITER)))
    throw new BulkCsvError(`${where()}: a list item holds the character U+001F`);
  return quote(items.join(ARRAY_DELIMITER));
}

/** A value worth a column: the writer leaves out what Neo4j would not store. */
const stored = (value: unknown) =>
  value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);

/** Cheap per row: the property names and a letter per value's kind, the file's key. */
function signature(props: Record<string, unknown>, skip: string): string {
  let sig = '';
  for (const key in props) {
    if (key === skip) continue;
    const value = props[key];
    if (!stored(value)) continue;
    sig += `${key}:${Array.isArray(value) ? `[${typeof value[0]}` : typeof value},`;
  }
  return sig;
}

/** The property columns of a new file (validated once per file, not per row). */
function columns(
  props: Record<string, unknown>,
  skip: string,
  where: () => string,
): [string, ColumnType][] {
  const out: [string, ColumnType][] = [];
  for (const [key, value] of Object.entries(props)) {
    if (key === skip || !stored(value)) continue;
    if (/[,:"\n\r]/.test(key)) throw new BulkCsvError(`${where()}: property name "${key}"`);
    out.push([key, typeOf(value, where)]);
  }
  return out;
}

const headerOf = (cols: [string, ColumnType][]) =>
  cols.map(([key, type]) => (type === 'string' ? key : `${key}:${type}`));

interface Shape {
  file: CsvFile;
  cols: [string, ColumnType][];
}

export class BulkCsvWriter {
  private readonly shapes = new Map<string, Shape>();
  private readonly nodeFiles: string[] = [];
  private readonly relationshipFiles: string[] = [];
  private multiline = false;
  private nodeCount = 0;
  private relationshipCount = 0;
  /** When each relationship was recorded, as the transactional writer stamps it. */
  private readonly recordedAt = new Date().toISOString();

  constructor(private readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  private shape(
    kind: 'nodes' | 'relationships',
    name: string,
    props: Record<string, unknown>,
    skip: string,
    where: () => string,
  ): Shape {
    const key = `${kind}|${name}|${signature(props, skip)}`;
    let shape = this.shapes.get(key);
    if (!shape) {
      const cols = columns(props, skip, where);
      const fixed = kind === 'nodes' ? ['id:ID', ':LABEL'] : [':START_ID', ':END_ID', ':TYPE'];
      const fileName = path.join(this.dir, `${kind}-${name}-${this.shapes.size}.csv`);
      shape = { file: new CsvFile(fileName, [...fixed, ...headerOf(cols)].join(',')), cols };
      this.shapes.set(key, shape);
      (kind === 'nodes' ? this.nodeFiles : this.relationshipFiles).push(fileName);
    }
    return shape;
  }

  private values(
    props: Record<string, unknown>,
    cols: [string, ColumnType][],
    where: () => string,
  ) {
    let line = '';
    for (const [key, type] of cols) {
      const value = props[key];
      if (typeof value === 'string' && (value.includes('\n') || value.includes('\r')))
        this.multiline = true;
      line += ',' + field(value, type, where);
    }
    return line;
  }

  node(label: NodeLabel, row: NodeRow): void {
    const where = () => `node ${row.id}`;
    const { file, cols } = this.shape('nodes', label, row.props, 'id', where);
    file.line(
      `${quote(row.id)},${ENTITY_LABEL}${ARRAY_DELIMITER}${label}${this.values(row.props, cols, where)}`,
    );
    this.nodeCount++;
  }

  relationship(type: RelationshipType, row: RelationshipRow): void {
    const where = () => `relationship ${row.id}`;
    // As loader/write.ts: the row's props (its id among them) and when it was recorded.
    const props =
      row.props.id === row.id && row.props.recordedAt !== undefined
        ? row.props
        : { ...row.props, id: row.id, recordedAt: row.props.recordedAt ?? this.recordedAt };
    const { file, cols } = this.shape('relationships', type, props, '', where);
    file.line(`${quote(row.from)},${quote(row.to)},${type}${this.values(props, cols, where)}`);
    this.relationshipCount++;
  }

  /** Every row of a plan (built in memory, as the seed loader builds it). */
  plan(plan: WritePlan): void {
    for (const [label, rows] of plan.nodes) for (const row of rows) this.node(label, row);
    for (const [type, rows] of plan.relationships)
      for (const row of rows) this.relationship(type, row);
  }

  /** Writes what is buffered and closes every file. */
  close(): BulkCsvFiles {
    for (const { file } of this.shapes.values()) file.close();
    return {
      nodes: this.nodeFiles,
      relationships: this.relationshipFiles,
      multiline: this.multiline,
      nodeCount: this.nodeCount,
      relationshipCount: this.relationshipCount,
    };
  }
}
