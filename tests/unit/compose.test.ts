// docker-compose.yml cannot run here (no Docker engine); this checks its wiring instead.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '../../server/src/config';
import { allowedHostNames } from '../../server/src/http/allowed-hosts';
import { NEO4J_VERSION } from '../../neo4j-local/manager';

interface Service {
  image?: string;
  build?: string;
  environment?: Record<string, string | number>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
}
const compose = parse(fs.readFileSync('docker-compose.yml', 'utf8')) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};

describe('docker-compose.yml', () => {
  const { neo4j, app } = compose.services;

  it('runs the official Neo4j 5.26 Community image, the same line as the local server', () => {
    expect(neo4j?.image).toBe('neo4j:5.26-community');
    expect(NEO4J_VERSION.startsWith('5.26.')).toBe(true);
  });

  it('keeps Neo4j data in a named volume and checks its health', () => {
    expect(neo4j?.volumes).toContain('neo4j-data:/data');
    expect(Object.keys(compose.volumes)).toContain('neo4j-data');
    expect(neo4j?.healthcheck?.test.join(' ')).toMatch(/7474/);
  });

  it('starts the app only once Neo4j is healthy', () => {
    expect(app?.depends_on?.neo4j?.condition).toBe('service_healthy');
    expect(app?.build).toBe('.');
  });

  it('gives the app only variables that the config module reads', () => {
    const names = Object.keys(app?.environment ?? {});
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(CONFIG_VARIABLES).toContain(name);
  });

  it('points the app at the neo4j service on the Bolt port it publishes, with the same credentials', () => {
    const env = app?.environment ?? {};
    expect(env.NEO4J_URI).toBe('bolt://neo4j:7687');
    expect(neo4j?.ports?.some((p) => p.endsWith(':7687'))).toBe(true);
    expect(String(neo4j?.environment?.NEO4J_AUTH)).toBe(
      `${String(env.NEO4J_USER)}/\${NEO4J_PASSWORD:?set NEO4J_PASSWORD (8+ characters)}`,
    );
    expect(env.NEO4J_PASSWORD).toBe('${NEO4J_PASSWORD}');
  });

  it('publishes the app on the port it listens on', () => {
    expect(app?.ports).toContain(
      `127.0.0.1:${String(app?.environment?.PORT)}:${String(app?.environment?.PORT)}`,
    );
  });

  it('lets the app answer to the names it is reached by: localhost (published port) and its service name', () => {
    const env = app?.environment ?? {};
    const config = loadConfig({
      ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])),
      NEO4J_PASSWORD: 'compose-password',
    });
    const allowed = allowedHostNames(config);
    expect(app?.ports?.[0]).toMatch(/^127\.0\.0\.1:/);
    expect(allowed.has('localhost')).toBe(true);
    expect(allowed.has('127.0.0.1')).toBe(true);
    expect(allowed.has('app')).toBe(true);
    // HOST 0.0.0.0 is where it listens, not a name anyone may use.
    expect(allowed.has('0.0.0.0')).toBe(false);
  });

  it('lists every config variable in .env.example', () => {
    const example = fs.readFileSync('.env.example', 'utf8');
    for (const name of CONFIG_VARIABLES) expect(example).toContain(`${name}=`);
  });
});
