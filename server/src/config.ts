// The one place that reads the environment. Everything else receives a parsed Config.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { MARKINGS, isMarking, type Marking } from './model/model';

/** The repository's root: where .env and the local Neo4j's folders are found. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Loads ./.env (if present) into process.env without overriding what the shell set. */
export function loadDotEnv(file = path.join(REPO_ROOT, '.env')): void {
  if (fs.existsSync(file)) process.loadEnvFile(file);
}

const PORT_RANGE = 'a port number from 0 to 65535';
const port = (fallback: number) =>
  z.coerce
    .number({ error: PORT_RANGE })
    .int(PORT_RANGE)
    .min(0, PORT_RANGE)
    .max(65535, PORT_RANGE)
    .default(fallback);
const positiveInt = (fallback: number) =>
  z.coerce
    .number({ error: 'a whole number above 0' })
    .int('a whole number above 0')
    .positive('a whole number above 0')
    .default(fallback);
const neo4jSize = z
  .string()
  .regex(/^\d+[kmg]$/i, 'a size such as 512m or 2g')
  .optional();

/** A write token, optionally named: "alice:<token>" makes alice the author of its changes. */
const NAMED_TOKEN = /^([A-Za-z][A-Za-z0-9._-]{0,39}):(.+)$/;

/**
 * A token's clearance: an entry may end in ":<TLP marking>" (case-insensitive, e.g.
 * "alice:<token>:amber"). Only a known marking is taken off, so older entries keep their
 * meaning unless a token itself ends in such a suffix.
 */
const CLEARANCE_SUFFIX = new RegExp(
  `:(${MARKINGS.map((m) => m.replace('+', '\\+')).join('|')})$`,
  'i',
);
function splitClearance(entry: string): { rest: string; clearance: Marking | undefined } {
  const match = CLEARANCE_SUFFIX.exec(entry);
  const marking = match?.[1]?.toUpperCase();
  return marking && isMarking(marking)
    ? { rest: entry.slice(0, match!.index), clearance: marking }
    : { rest: entry, clearance: undefined };
}

interface Reader {
  token: string;
  /** Its clearance; undefined: AUTH_DEFAULT_CLEARANCE, else everything. */
  clearance: Marking | undefined;
}
const TOKEN_RULE =
  'tokens of at least 16 characters, comma-separated, each optionally named and cleared (alice:<token>:amber)';
/**
 * A read token: "<token>" as before, or with a clearance "<token>:green" or
 * "name:<token>:green" (the name is only read when a clearance is given, so a plain token
 * may still contain ":").
 */
const tokenList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z
        .string()
        .transform((entry): Reader => {
          const { rest, clearance } = splitClearance(entry);
          const named = clearance ? NAMED_TOKEN.exec(rest) : null;
          return { token: named ? named[2]! : rest, clearance };
        })
        .refine((r) => r.token.length >= 16, { error: TOKEN_RULE }),
    ),
  )
  .default([]);

const HOST_NAMES =
  'a comma-separated list of host names or IP addresses such as intel.example.org,10.0.0.5 (no ports)';
/** A DNS name or an IP literal (IPv6 in brackets or bare), as it appears in a Host header. */
const hostName =
  /^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*|\[?[0-9a-f:.]*:[0-9a-f:.]*\]?)$/i;
const hostList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().max(253, HOST_NAMES).regex(hostName, HOST_NAMES)))
  .default([]);

interface Writer extends Reader {
  /** Who the change log names: the pair's name, or "token-" and a fingerprint of a plain token. */
  author: string;
}
const writerList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z
        .string()
        .transform((entry): Writer => {
          const { rest, clearance } = splitClearance(entry);
          const named = NAMED_TOKEN.exec(rest);
          if (named) return { author: named[1]!, token: named[2]!, clearance };
          // A fingerprint, not the token: the log is readable by every reader.
          const fingerprint = createHash('sha256').update(rest).digest('hex').slice(0, 8);
          return { author: `token-${fingerprint}`, token: rest, clearance };
        })
        .refine((w) => w.token.length >= 16, { error: TOKEN_RULE }),
    ),
  )
  .default([]);

const PULL_HOSTS =
  'a comma-separated list of host names the server may pull TAXII collections from, or * for any';
/** Hosts the Data tab may make the server fetch from: none unless listed (no SSRF by default). */
const pullHostList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z
        .string()
        .max(253, PULL_HOSTS)
        .regex(new RegExp(`^\\*$|${hostName.source}`, 'i'), PULL_HOSTS),
    ),
  )
  .default([]);

const envShape = z.object({
  NEO4J_URI: z
    .string()
    .regex(
      /^(neo4j|neo4j\+s|neo4j\+ssc|bolt|bolt\+s|bolt\+ssc):\/\/[^\s]+$/,
      'a Bolt or Neo4j URI such as bolt://localhost:7687 or neo4j+s://xxxx.databases.neo4j.io',
    )
    .optional(),
  NEO4J_USER: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a user name of letters, digits and _')
    .default('neo4j'),
  NEO4J_PASSWORD: z.string().min(8, 'at least 8 characters (Neo4j refuses shorter)').optional(),
  NEO4J_DATABASE: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9.-]{2,62}$/, 'a Neo4j database name')
    .default('neo4j'),
  NEO4J_LOCAL_PORT: port(7687),
  NEO4J_LOCAL_DIR: z.string().min(1).default('.neo4j/dev'),
  NEO4J_LOCAL_HEAP: neo4jSize.default('1g'),
  NEO4J_LOCAL_PAGECACHE: neo4jSize.default('512m'),
  NEO4J_LOCAL_START_TIMEOUT_S: positiveInt(180),
  HOST: z.string().min(1).default('127.0.0.1'),
  ALLOWED_HOSTS: hostList,
  PORT: port(8080),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  QUERY_TIMEOUT_MS: positiveInt(5000),
  QUERY_ROW_LIMIT: positiveInt(1000),
  QUERY_RESULT_MAX_BYTES: positiveInt(4_000_000),
  CONSOLE_CONCURRENCY: positiveInt(2),
  RATE_LIMIT_PER_MIN: positiveInt(600),
  RATE_LIMIT_SEARCH_PER_MIN: positiveInt(300),
  RATE_LIMIT_CONSOLE_PER_MIN: positiveInt(60),
  AUTH_TOKENS: tokenList,
  AUTH_WRITE_TOKENS: writerList,
  TAXII_PULL_HOSTS: pullHostList,
  AUTH_DEFAULT_CLEARANCE: z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(z.enum(MARKINGS, { error: `one of ${MARKINGS.join(', ')} (case-insensitive)` }))
    .default('RED'),
  CORS_ORIGINS: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z.url({ error: 'a comma-separated list of origins such as https://intel.example.org' }),
      ),
    )
    .default([]),
});

const envSchema = envShape.superRefine((env, ctx) => {
  if (env.NEO4J_URI && !env.NEO4J_PASSWORD) {
    ctx.addIssue({
      code: 'custom',
      path: ['NEO4J_PASSWORD'],
      message: 'required when NEO4J_URI is set (the password of that server)',
    });
  }
});

/** Every environment variable the app reads (the compose file and .env.example use these). */
export const CONFIG_VARIABLES = Object.keys(envShape.shape) as (keyof typeof envShape.shape)[];

export interface Config {
  /** Set when the app uses an external Neo4j; unset means "start the project's local one". */
  neo4jUri: string | undefined;
  neo4jUser: string;
  neo4jPassword: string | undefined;
  neo4jDatabase: string;
  local: {
    port: number;
    dir: string;
    heap: string;
    pageCache: string;
    startTimeoutSeconds: number;
  };
  host: string;
  /**
   * Host names the app answers to besides localhost, 127.0.0.1, [::1] and HOST (see
   * http/allowed-hosts.ts): a Host header naming anything else is a DNS-rebinding attempt.
   */
  allowedHosts: string[];
  port: number;
  logLevel: z.infer<typeof envShape>['LOG_LEVEL'];
  queryTimeoutMs: number;
  queryRowLimit: number;
  /** JSON bytes a user-written query's result may have, all rows together. */
  queryResultMaxBytes: number;
  /** Console and user-saved queries that may run in Neo4j at once (one per client). */
  consoleConcurrency: number;
  rateLimits: { perMinute: number; searchPerMinute: number; consolePerMinute: number };
  /**
   * Empty: no authentication. Otherwise Bearer tokens: read tokens, and write tokens (read
   * too); `writers` names the author of each write token's changes. `clearances` gives each
   * token the highest TLP marking it may see (AUTH_DEFAULT_CLEARANCE for a token without one,
   * RED unless set); with no tokens there is one local user, who sees everything.
   */
  auth: {
    readTokens: string[];
    writeTokens: string[];
    writers: Writer[];
    clearances: { token: string; clearance: Marking }[];
  };
  corsOrigins: string[];
  /** Hosts POST /api/import/taxii may pull from ('*': any); empty: the route is off. */
  taxiiPullHosts: string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError naming every bad variable and what it expects. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (FOO= in a .env file) means "not set", not "set to nothing".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '');
        const value = env[name];
        const secret = name.includes('PASSWORD') || name.includes('TOKEN');
        const shown = value === undefined || secret ? '' : ` (got "${value}")`;
        return `${name}: expected ${issue.message}${shown}`;
      }),
    );
  }
  const e = parsed.data;
  return {
    neo4jUri: e.NEO4J_URI,
    neo4jUser: e.NEO4J_USER,
    neo4jPassword: e.NEO4J_PASSWORD,
    neo4jDatabase: e.NEO4J_DATABASE,
    local: {
      port: e.NEO4J_LOCAL_PORT,
      dir: e.NEO4J_LOCAL_DIR,
      heap: e.NEO4J_LOCAL_HEAP,
      pageCache: e.NEO4J_LOCAL_PAGECACHE,
      startTimeoutSeconds: e.NEO4J_LOCAL_START_TIMEOUT_S,
    },
    host: e.HOST,
    allowedHosts: e.ALLOWED_HOSTS,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    queryTimeoutMs: e.QUERY_TIMEOUT_MS,
    queryRowLimit: e.QUERY_ROW_LIMIT,
    queryResultMaxBytes: e.QUERY_RESULT_MAX_BYTES,
    consoleConcurrency: e.CONSOLE_CONCURRENCY,
    rateLimits: {
      perMinute: e.RATE_LIMIT_PER_MIN,
      searchPerMinute: e.RATE_LIMIT_SEARCH_PER_MIN,
      consolePerMinute: e.RATE_LIMIT_CONSOLE_PER_MIN,
    },
    auth: {
      readTokens: e.AUTH_TOKENS.map((r) => r.token),
      writeTokens: e.AUTH_WRITE_TOKENS.map((w) => w.token),
      writers: e.AUTH_WRITE_TOKENS,
      clearances: [...e.AUTH_WRITE_TOKENS, ...e.AUTH_TOKENS].map((t) => ({
        token: t.token,
        clearance: t.clearance ?? e.AUTH_DEFAULT_CLEARANCE,
      })),
    },
    corsOrigins: e.CORS_ORIGINS,
    taxiiPullHosts: e.TAXII_PULL_HOSTS,
  };
}

/** Credentials for pulling from a TAXII server (npm run import -- taxii …); never logged. */
export interface TaxiiCredentialsConfig {
  user: string | undefined;
  password: string | undefined;
  token: string | undefined;
}

/**
 * TAXII_USER and TAXII_PASSWORD (HTTP Basic) or TAXII_TOKEN (Bearer), for the import CLI.
 * Apart from loadConfig: the server never reads them (the Data tab sends its own).
 */
export function loadTaxiiCredentials(env: NodeJS.ProcessEnv = process.env): TaxiiCredentialsConfig {
  const value = (name: string) => (env[name] === '' ? undefined : env[name]);
  return {
    user: value('TAXII_USER'),
    password: value('TAXII_PASSWORD'),
    token: value('TAXII_TOKEN'),
  };
}
