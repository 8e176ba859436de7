// The deployment artefacts stay true to the code: the Kubernetes base renders (kubectl kustomize,
// offline), and every variable the code requires in production — the table in docs/OPERATIONS.md —
// is set for its roles in deploy/compose.yaml and in the rendered base; every variable the code
// reads is in that table.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { configuredVariables } from '@hub/stack';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SUBGRAPH_ROLES = ['cameras', 'footage', 'registrations', 'requests', 'anpr'];
const SERVICE_ROLES = ['gateway', ...SUBGRAPH_ROLES];

interface EnvRow {
  name: string;
  roles: string[];
  required: boolean;
}

/** The environment table of docs/OPERATIONS.md: | `NAME` | roles | yes/no | default | meaning | */
function envTable(): EnvRow[] {
  const doc = readFileSync(join(ROOT, 'docs/OPERATIONS.md'), 'utf8');
  const rows: EnvRow[] = [];
  for (const line of doc.split('\n')) {
    const m = /^\| `([A-Z][A-Z0-9_]+)` \| ([^|]+) \| (yes|no) \|/.exec(line);
    if (!m) continue;
    const roles = m[2]!.split(',').flatMap((r) => {
      const role = r.trim();
      return role === 'all' ? SERVICE_ROLES : role === 'subgraphs' ? SUBGRAPH_ROLES : [role];
    });
    rows.push({ name: m[1]!, roles, required: m[3] === 'yes' });
  }
  return rows;
}

/** What each role must have set in production, from the table. */
function requiredByRole(): Map<string, string[]> {
  const byRole = new Map<string, string[]>();
  for (const row of envTable().filter((r) => r.required)) {
    for (const role of row.roles) byRole.set(role, [...(byRole.get(role) ?? []), row.name]);
  }
  return byRole;
}

function renderKustomize(): Record<string, any>[] {
  let out: string;
  try {
    out = execFileSync('kubectl', ['kustomize', join(ROOT, 'deploy/k8s')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        'kubectl is not installed: this test renders deploy/k8s with `kubectl kustomize` (install kubectl, client only)',
        { cause: e },
      );
    }
    throw e;
  }
  return parseAllDocuments(out).map((d) => d.toJS() as Record<string, any>);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

describe('docs/OPERATIONS.md lists the environment', () => {
  it('names every variable the code reads, with roles and whether production requires it', () => {
    const read = new Set<string>();
    for (const base of ['packages', 'subgraphs']) {
      for (const pkg of readdirSync(join(ROOT, base)))
        for (const f of sourceFiles(join(ROOT, base, pkg, 'src'))) scan(f);
    }
    for (const f of sourceFiles(join(ROOT, 'gateway/src'))) scan(f);
    // and every variable of the typed configurations (packages/stack/src/env)
    for (const name of configuredVariables()) read.add(name);
    function scan(file: string) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]{2,})\b/g)) read.add(m[1]!);
    }
    const documented = new Set(envTable().map((r) => r.name));
    expect(read.size).toBeGreaterThan(10);
    expect([...read].filter((name) => !documented.has(name)).sort()).toEqual([]);
    expect(requiredByRole().get('gateway')).toEqual(
      expect.arrayContaining(['HUB_INTERNAL_SECRET', 'SUBGRAPH_URLS', 'JWKS_URL', 'JWT_ISSUER', 'HUB_ALLOWED_ORIGINS']),
    );
    expect(requiredByRole().get('anpr')).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'ANPR_HASH_KEY', 'ANPR_ENCRYPTION_KEY']),
    );
  });
});

describe('deploy/compose.yaml', () => {
  const compose = parse(readFileSync(join(ROOT, 'deploy/compose.yaml'), 'utf8'), { merge: true }) as {
    services: Record<string, { command?: string[]; environment?: Record<string, string>; depends_on?: unknown }>;
  };
  const byRole = (role: string) => Object.entries(compose.services).filter(([, s]) => s.command?.[0] === role);

  it('runs PostgreSQL, the migration, five subgraphs and two gateways', () => {
    expect(Object.keys(compose.services)).toContain('postgres');
    for (const role of SUBGRAPH_ROLES) expect(byRole(role), role).toHaveLength(1);
    expect(byRole('gateway')).toHaveLength(2);
    expect(byRole('migrate')).toHaveLength(1);
  });

  it('sets every variable production requires, for every role', () => {
    const missing: string[] = [];
    for (const [role, names] of requiredByRole()) {
      for (const [service, s] of byRole(role)) {
        for (const name of names) if (!s.environment?.[name]) missing.push(`${service}: ${name}`);
      }
    }
    expect(missing).toEqual([]);
    // secrets are referenced from the environment (compose refuses to start without), never written here
    for (const [, s] of Object.entries(compose.services)) {
      for (const name of ['HUB_INTERNAL_SECRET', 'PLAYBACK_URL_SECRET', 'ANPR_HASH_KEY', 'ANPR_ENCRYPTION_KEY']) {
        if (s.environment?.[name]) expect(s.environment[name]).toMatch(/^\$\{[A-Z_]+:\?/);
      }
    }
    const gatewayUrls = byRole('gateway')[0]![1].environment!.SUBGRAPH_URLS!;
    for (const role of SUBGRAPH_ROLES) expect(gatewayUrls).toContain(`${role}=http://${role}:4000/graphql`);
  });

  it('runs the services as a role that cannot alter the audit log; only migrate connects as the owner', () => {
    const owner = (compose.services.postgres!.environment as Record<string, string>).POSTGRES_USER!;
    // the user of a postgres:// URL (its password may be a ${…} reference, which URL() refuses)
    const user = (url: string) => /^postgres(?:ql)?:\/\/([^:@/]+)(?::[^@]*)?@/.exec(url)?.[1];
    const [, migrate] = byRole('migrate')[0]!;
    const env = migrate.environment!;
    expect(user(env.DATABASE_URL!)).toBe(owner);
    const role = env.HUB_SERVICE_ROLE!;
    expect(role).toMatch(/^[a-z_][a-z0-9_]*$/);
    expect(role).not.toBe(owner);
    // migrate makes it a login role with its own password, never the owner's
    const password = env.HUB_SERVICE_ROLE_PASSWORD!;
    expect(password).toMatch(/^\$\{[A-Z_]+:\?/);
    expect(password).not.toContain('POSTGRES_PASSWORD');
    for (const sg of SUBGRAPH_ROLES) {
      for (const [service, s] of byRole(sg)) {
        const e = s.environment!;
        expect(user(e.DATABASE_URL!), service).toBe(role);
        expect(e.DATABASE_URL, service).not.toMatch(/^postgres(?:ql)?:\/\/[^@/]*:[^@]*@/); // no password in it
        expect(e.PGPASSWORD?.split(':')[0], service).toBe(password.split(':')[0]);
        expect(e.HUB_SERVICE_ROLE, service).toBeUndefined();
      }
    }
  });
});

describe('deploy/k8s (kustomize base)', () => {
  const objects = renderKustomize();
  const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);
  const podSpecs = () =>
    [...ofKind('Deployment'), ...ofKind('Job')].map((o) => ({
      name: o.metadata.name as string,
      kind: o.kind as string,
      spec: o.spec.template.spec,
    }));

  it('renders a Deployment and a Service per role, the migration Job and the gateway autoscaler', () => {
    for (const role of SERVICE_ROLES) {
      expect(ofKind('Deployment').map((d) => d.metadata.name)).toContain(`hub-${role}`);
      expect(ofKind('Service').map((d) => d.metadata.name)).toContain(`hub-${role}`);
    }
    const job = ofKind('Job')[0]!;
    expect(job.spec.template.spec.containers[0].args).toEqual(['migrate']);
    const hpa = ofKind('HorizontalPodAutoscaler')[0]!;
    expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'hub-gateway' });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
  });

  it('probes liveness and readiness, requests resources, runs as non-root', () => {
    for (const d of ofKind('Deployment')) {
      const c = d.spec.template.spec.containers[0];
      expect(c.livenessProbe.httpGet.path, d.metadata.name).toBe('/healthz');
      expect(c.readinessProbe.httpGet.path, d.metadata.name).toBe('/readyz');
      expect(c.resources.requests.cpu, d.metadata.name).toBeTruthy();
      expect(c.resources.requests.memory, d.metadata.name).toBeTruthy();
      expect(d.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    }
  });

  it('takes PostgreSQL from a CloudNativePG Cluster with a standby and continuous backup, through its -rw service', () => {
    const cluster = ofKind('Cluster').find((o) => o.apiVersion.startsWith('postgresql.cnpg.io/'))!;
    expect(cluster.spec.instances).toBeGreaterThanOrEqual(2);
    expect(cluster.spec.backup.barmanObjectStore.wal).toBeDefined();
    expect(ofKind('ScheduledBackup')[0]!.spec.cluster.name).toBe(cluster.metadata.name);
    for (const { name, spec } of podSpecs().filter((p) => p.name !== 'hub-gateway')) {
      const db = spec.containers[0].env.find((e: { name: string }) => e.name === 'DATABASE_URL');
      if (name.startsWith('hub-migrate')) {
        // the operator's app secret (the owner): its uri points at <cluster>-rw, the primary
        expect(db?.valueFrom?.secretKeyRef, name).toEqual({ name: `${cluster.metadata.name}-app`, key: 'uri' });
      } else {
        // the services' role, on the same primary
        expect(new URL(db?.value as string).host, name).toBe(`${cluster.metadata.name}-rw:5432`);
      }
    }
  });

  it('runs the services as a role that cannot alter the audit log; only the migration Job connects as the owner', () => {
    const cluster = ofKind('Cluster').find((o) => o.apiVersion.startsWith('postgresql.cnpg.io/'))!;
    const owner = cluster.spec.bootstrap.initdb.owner as string;
    const ownerSecret = `${cluster.metadata.name}-app`; // the operator's: the owner's uri and password
    const configMaps = new Map(ofKind('ConfigMap').map((c) => [c.metadata.name as string, c.data ?? {}]));
    /** A variable as the container sees it: its own env first, then its ConfigMaps. */
    const envOf = (c: any, name: string): any =>
      (c.env ?? []).find((e: { name: string }) => e.name === name) ??
      (c.envFrom ?? [])
        .map((f: any) => configMaps.get(f.configMapRef?.name)?.[name])
        .filter((v: unknown) => v !== undefined)
        .map((value: string) => ({ name, value }))[0];
    const job = podSpecs().find((p) => p.kind === 'Job')!.spec.containers[0];
    expect(envOf(job, 'DATABASE_URL').valueFrom.secretKeyRef.name).toBe(ownerSecret);
    const role = envOf(job, 'HUB_SERVICE_ROLE')?.value as string;
    expect(role).toMatch(/^[a-z_][a-z0-9_]*$/);
    expect(role).not.toBe(owner);
    // the operator makes it a login role from its own Secret, not the owner's
    const managed = (cluster.spec.managed?.roles ?? []).find((r: { name: string }) => r.name === role);
    expect(managed).toMatchObject({ ensure: 'present', login: true, superuser: false, createrole: false });
    expect(managed.passwordSecret.name).not.toBe(ownerSecret);
    const services = podSpecs().filter((p) => p.kind === 'Deployment' && p.name !== 'hub-gateway');
    expect(services.map((p) => p.spec.containers[0].args[0]).sort()).toEqual([...SUBGRAPH_ROLES].sort());
    for (const { name, spec } of services) {
      const c = spec.containers[0];
      const url = envOf(c, 'DATABASE_URL');
      // never the owner's secret, nor a URL naming the owner: the role migrate granted, its password apart
      expect(url?.valueFrom, name).toBeUndefined();
      expect(decodeURIComponent(new URL(url.value as string).username), name).toBe(role);
      expect(new URL(url.value as string).password, name).toBe('');
      expect(envOf(c, 'PGPASSWORD')?.valueFrom?.secretKeyRef, name).toEqual({
        name: managed.passwordSecret.name,
        key: 'password',
      });
      expect(envOf(c, 'HUB_SERVICE_ROLE'), name).toBeUndefined();
    }
  });

  it('references Secrets and never inlines one', () => {
    expect(ofKind('Secret')).toEqual([]);
    const secretRefs = podSpecs().flatMap(({ spec }) =>
      spec.containers[0].env.filter((e: any) => e.valueFrom?.secretKeyRef).map((e: any) => e.name as string),
    );
    expect(secretRefs).toEqual(
      expect.arrayContaining(['HUB_INTERNAL_SECRET', 'PLAYBACK_URL_SECRET', 'ANPR_HASH_KEY', 'ANPR_ENCRYPTION_KEY']),
    );
    for (const cm of ofKind('ConfigMap')) {
      for (const key of Object.keys(cm.data ?? {})) expect(key).not.toMatch(/SECRET|_KEY$|PASSWORD/);
    }
  });

  it('sets every variable production requires, for every role', () => {
    const configMaps = new Map(ofKind('ConfigMap').map((c) => [c.metadata.name as string, Object.keys(c.data ?? {})]));
    const missing: string[] = [];
    for (const { name, spec } of podSpecs()) {
      const c = spec.containers[0];
      const role = c.args[0] as string;
      const set = new Set<string>([
        ...(c.env ?? []).map((e: { name: string }) => e.name),
        ...(c.envFrom ?? []).flatMap((f: any) => configMaps.get(f.configMapRef?.name) ?? []),
      ]);
      for (const v of requiredByRole().get(role) ?? []) if (!set.has(v)) missing.push(`${name}: ${v}`);
    }
    expect(podSpecs().length).toBe(SERVICE_ROLES.length + 1);
    expect(missing).toEqual([]);
    const urls = ofKind('ConfigMap').find((c) => c.data?.SUBGRAPH_URLS)!.data.SUBGRAPH_URLS as string;
    for (const role of SUBGRAPH_ROLES) expect(urls).toContain(`${role}=http://hub-${role}:4000/graphql`);
  });
});
