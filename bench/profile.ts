// PROFILEs the Cypher the hot endpoints run (the service's own statements, captured as it
// sends them): per statement the plan's db hits in all, the rows it returned, and the
// operators that cost most. The figures the issue asks to keep beside the timings.
import type { ProfiledPlan } from 'neo4j-driver';
import neo4j from 'neo4j-driver';
import type { Database } from '../server/src/db/database';
import { GraphService } from '../server/src/services/graph.service';

export interface ProfiledQuery {
  dbHits: number;
  rows: number;
  heaviest: { operator: string; dbHits: number }[];
}

interface Captured {
  cypher: string;
  params: Record<string, unknown>;
}

/** A Database whose reads are also written down (the statements a service call sends). */
function recording(db: Database, into: Captured[]): Database {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'read')
        return (cypher: string, params: Record<string, unknown> = {}, options = {}) => {
          into.push({ cypher, params });
          return target.read(cypher, params, options);
        };
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

function operators(plan: ProfiledPlan): { operator: string; dbHits: number }[] {
  return [
    { operator: plan.operatorType.replace(/@neo4j$/, ''), dbHits: plan.dbHits },
    ...plan.children.flatMap(operators),
  ];
}

async function profile(db: Database, query: Captured): Promise<ProfiledQuery> {
  const session = db.driver.session({ database: db.name, defaultAccessMode: neo4j.session.READ });
  try {
    const result = await session.run(`PROFILE ${query.cypher}`, query.params);
    const plan = result.summary.profile;
    if (!plan) throw new Error('Neo4j returned no profile');
    const ops = operators(plan);
    return {
      dbHits: ops.reduce((sum, o) => sum + o.dbHits, 0),
      rows: plan.rows,
      heaviest: [...ops].sort((a, b) => b.dbHits - a.dbHits).slice(0, 3),
    };
  } finally {
    await session.close();
  }
}

type Reads = Pick<GraphService, 'search' | 'neighbours' | 'paths' | 'node'>;

export async function profileQueries(
  db: Database,
  ids: { hub: string; typicalActor: string; typicalOrg: string; typicalOp: string },
  /** The service under test (another version of it, to profile a change before and after). */
  service: (db: Database) => Reads = (d) => new GraphService(d, { timeoutMs: 30_000 }),
): Promise<Record<string, ProfiledQuery[]>> {
  const calls: [string, (s: Reads) => Promise<unknown>][] = [
    ['search', (s) => s.search('espionage actor', undefined, 10)],
    ['1-hop hub', (s) => s.neighbours(ids.hub, 1, {}, 100)],
    ['1-hop typical', (s) => s.neighbours(ids.typicalActor, 1, {}, 100)],
    ['2-hop typical', (s) => s.neighbours(ids.typicalOp, 2, {}, 300)],
    ['shortest path', (s) => s.paths(ids.typicalActor, ids.typicalOrg, 6, {}, 10)],
    ['node detail', (s) => s.node(ids.typicalActor, {})],
  ];
  const out: Record<string, ProfiledQuery[]> = {};
  for (const [name, call] of calls) {
    const captured: Captured[] = [];
    await call(service(recording(db, captured)));
    out[name] = [];
    for (const query of captured) out[name].push(await profile(db, query));
  }
  return out;
}
