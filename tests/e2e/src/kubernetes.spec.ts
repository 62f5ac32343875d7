import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, chownSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createScratchDatabase, freePort, type ScratchDatabase } from '@jobs/dev-postgres';
import { createMigratedDatabase, type ManagedProcess, spawnCommand, TEST_JWT_SECRET, waitUntil } from '@jobs/testing';
import { ScaledObject, type IScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import { TriggerAuthentication, type ITriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication';
import { Deployment, type IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler, type IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap, type IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IIoK8sApiCoreV1Container as Container } from 'kubernetes-models/v1/Container';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret, type ISecret } from 'kubernetes-models/v1/Secret';
import { Service, type IService } from 'kubernetes-models/v1/Service';
import pg from 'pg';
import { parseAllDocuments } from 'yaml';
import { KubernetesFields } from './support/kubernetes-fields.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const KUBERNETES = join(ROOT, 'deploy/kubernetes');
const OVERLAYS = ['base', 'overlays/example', 'overlays/scale-to-zero'];

interface RenderedObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  [field: string]: unknown;
}

/** Each kind the manifests use, with the schema (Kubernetes' or KEDA's CRD) it is validated against. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/Service': Service,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'apps/v1/Deployment': Deployment,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'keda.sh/v1alpha1/ScaledObject': ScaledObject,
  'keda.sh/v1alpha1/TriggerAuthentication': TriggerAuthentication,
};

/** `kubectl kustomize` (offline; the test command installs kubectl where it can). */
function render(folder: string): RenderedObject[] {
  const run = spawnSync('kubectl', ['kustomize', join(KUBERNETES, folder)], { encoding: 'utf8' });
  if (run.error) throw new Error(`kubectl is not installed (the test command installs it where it can): ${run.error.message}`);
  if (run.status !== 0) throw new Error(`kubectl kustomize ${folder} failed:\n${run.stderr}`);
  return parseAllDocuments(run.stdout).map((document) => unwrapSecretData(document.toJS() as RenderedObject));
}

/**
 * Kustomize wraps a generated Secret's long base64 values at 76 columns; the API server's decoder
 * (Go's base64) skips the line breaks, the schema's `byte` format does not.
 */
function unwrapSecretData(object: RenderedObject): RenderedObject {
  if (object.kind !== 'Secret' || !object['data']) return object;
  const data = Object.fromEntries(Object.entries(object['data'] as Record<string, string>).map(([key, value]) => [key, value.replace(/\s+/g, '')]));
  return { ...object, data };
}

function validate(object: RenderedObject): void {
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!Model) throw new Error(`no schema for ${object.apiVersion} ${object.kind} (${object.metadata.name})`);
  new Model(object as never).validate();
}

function find<T>(objects: RenderedObject[], kind: string, name: string): T {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} rendered`);
  return found as unknown as T;
}

/** A generated object's name is the generator's, a dash and a hash of its contents. */
function generated<T>(objects: RenderedObject[], kind: string, name: string): T {
  const found = objects.find((object) => object.kind === kind && new RegExp(`^${name}-[a-z0-9]{10}$`).test(object.metadata.name));
  if (!found) throw new Error(`no generated ${kind} ${name} rendered`);
  return found as unknown as T;
}

/** What a Dockerfile target's container starts with (its stages' instructions, base first). */
interface ImageSettings {
  user: string;
  exposed: number[];
  env: Record<string, string>;
  cmd: string[];
  healthcheck: string;
}

function dockerfileTarget(target: string): ImageSettings {
  const stages = new Map<string, { base: string; lines: string[] }>();
  let current: { base: string; lines: string[] } | null = null;
  for (const line of readFileSync(join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n\s*/g, ' ').split('\n').map((row) => row.trim())) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) {
      current = { base: from[1] ?? '', lines: [] };
      if (from[2]) stages.set(from[2], current);
    } else if (line && !line.startsWith('#')) current?.lines.push(line);
  }
  const chain = (name: string): string[] => {
    const stage = stages.get(name);
    return stage ? [...chain(stage.base), ...stage.lines] : [];
  };
  const settings: ImageSettings = { user: 'root', exposed: [], env: {}, cmd: [], healthcheck: '' };
  for (const line of chain(target)) {
    const [op = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (op === 'USER') settings.user = args;
    if (op === 'EXPOSE') settings.exposed.push(...rest.map(Number));
    if (op === 'ENV') for (const pair of args.matchAll(/(\w+)=(?:"([^"]*)"|(\S+))/g)) settings.env[pair[1] ?? ''] = pair[2] ?? pair[3] ?? '';
    if (op === 'CMD') settings.cmd = JSON.parse(args) as string[];
    if (op === 'HEALTHCHECK') settings.healthcheck = args;
  }
  return settings;
}

/** The official Node image's `node` user, which the Dockerfile's images run as. */
const NODE_IMAGE_USER = { name: 'node', uid: 1000, gid: 1000 };

/**
 * The variables an app's environment schema reads: the properties its classes declare, the
 * `<NAME>_FILE` form of its secrets, and the connection's (`DATABASE_URL`(`_FILE`), libpq's `PG*`),
 * read from the sources, so a renamed or misspelt variable in a manifest fails here.
 */
function variablesRead(classFiles: string[]): Set<string> {
  const names = new Set<string>(['NODE_OPTIONS']);
  for (const file of classFiles) {
    const source = readFileSync(join(ROOT, file), 'utf8');
    for (const [, name = ''] of source.matchAll(/^ {2}([A-Z][A-Z0-9_]+)\??: /gm)) names.add(name);
    for (const [, list = ''] of source.matchAll(/fileVariables[^=]*= \[([^\]]*)\]/g)) {
      for (const [, name = ''] of list.matchAll(/'([A-Z0-9_]+)'/g)) names.add(`${name}_FILE`);
    }
  }
  return new Set([...names, ...connectionVariables()]);
}

function connectionVariables(): string[] {
  const source = readFileSync(join(ROOT, 'packages/database/src/environment-variables.ts'), 'utf8');
  const body = source.slice(source.indexOf('export function databaseUrlFromEnvironment'));
  const direct = [...body.matchAll(/env\['([A-Z_]+)'\]/g)].map((match) => match[1] ?? '');
  const secrets = [...body.matchAll(/readVariable\(env, '([A-Z_]+)'\)/g)].flatMap((match) => [match[1] ?? '', `${match[1]}_FILE`]);
  return [...direct, ...secrets];
}

const API_VARIABLES = variablesRead(['packages/runtime/src/common-environment.ts', 'apps/api/src/config/api-environment.ts']);
const WORKER_VARIABLES = variablesRead(['packages/runtime/src/common-environment.ts', 'apps/worker/src/config/worker-environment.ts']);

/** A container's environment as the pod gives it: its ConfigMaps' data, then its `env`. */
function containerEnvironment(objects: RenderedObject[], container: Container): Record<string, string> {
  const fromConfigMaps = (container.envFrom ?? []).map((source) => {
    const name = source.configMapRef?.name ?? '';
    return find<IConfigMap>(objects, 'ConfigMap', name).data ?? {};
  });
  const direct = Object.fromEntries((container.env ?? []).map((variable) => [variable.name, variable.value ?? '']));
  return Object.assign({}, ...fromConfigMaps, direct) as Record<string, string>;
}

function podContainers(deployment: IDeployment): Container[] {
  const pod = deployment.spec?.template.spec;
  return [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])];
}

/**
 * The pod's confinement, where this machine allows it (as root with util-linux, as CI runs): in a
 * mount namespace of its own, the root filesystem read-only, a fresh tmpfs on /tmp (the emptyDir) and
 * the Secret's files at their mount path; then the pod's user and group, no capabilities (none
 * inherited, an empty bounding set) and no_new_privs (allowPrivilegeEscalation: false). Elsewhere the
 * process runs as it is, its Secret paths pointed at the files.
 */
const CONFINE = `mount -o remount,bind,ro / && mount -t tmpfs -o size=64m tmpfs /tmp \
  && mount -t tmpfs -o size=1m tmpfs /run && mkdir -p "$SECRETS_MOUNT" && mount --bind "$SECRETS_SOURCE" "$SECRETS_MOUNT" \
  && exec setpriv --reuid="$POD_UID" --regid="$POD_GID" --clear-groups --inh-caps=-all --bounding-set=-all --no-new-privs "$@"`;

function canConfine(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', 'mount -o remount,bind,ro / && setpriv --reuid=1000 --no-new-privs --bounding-set=-all true'], { stdio: 'ignore' });
  return probe.status === 0;
}

describe('deploy/kubernetes', () => {
  const rendered = new Map<string, RenderedObject[]>(OVERLAYS.map((folder) => [folder, render(folder)]));
  const example = rendered.get('overlays/example') ?? [];
  const api = find<IDeployment>(example, 'Deployment', 'jobs-api');
  const worker = find<IDeployment>(example, 'Deployment', 'jobs-worker');
  const container = (deployment: IDeployment, name: string): Container => {
    const found = podContainers(deployment).find((candidate) => candidate.name === name);
    if (!found) throw new Error(`${deployment.metadata?.name} has no container ${name}`);
    return found;
  };

  const fields = new KubernetesFields();

  it.each(OVERLAYS)('%s renders, and every object validates against its Kubernetes or KEDA schema, with no field its kind lacks', (folder) => {
    const objects = rendered.get(folder) ?? [];
    expect(objects.length).toBeGreaterThan(8);
    for (const object of objects) {
      expect(() => validate(object)).not.toThrow();
      expect([object.kind, object.metadata.name, fields.unknownFields(object)]).toEqual([object.kind, object.metadata.name, []]);
    }
  });

  it('the same validation refuses a broken object', () => {
    const broken = structuredClone(api) as unknown as RenderedObject & { spec: { replicas: unknown } };
    broken.spec.replicas = 'two';
    expect(() => validate(broken)).toThrow(/replicas/);
    const scaledObject = structuredClone(find<RenderedObject & { spec: { minReplicaCount: unknown } }>(example, 'ScaledObject', 'jobs-worker'));
    scaledObject.spec.minReplicaCount = 'none';
    expect(() => validate(scaledObject)).toThrow(/minReplicaCount/);
    expect(() => validate({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } })).toThrow(/no schema/);
    const misspelt = structuredClone(api) as unknown as RenderedObject & { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
    const [first = {}] = misspelt.spec.template.spec.containers;
    first['readinesProbe'] = first['readinessProbe'];
    expect(fields.unknownFields(misspelt)).toEqual(['.spec.template.spec.containers[0].readinesProbe']);
    expect(fields.unknownFields({ ...scaledObject, spec: { ...scaledObject.spec, minReplicas: 1 } })).toEqual(['.spec.minReplicas']);
  });

  it('runs every container unprivileged: non-root, read-only root filesystem with a writable /tmp, no capabilities, RuntimeDefault seccomp', () => {
    for (const deployment of [api, worker]) {
      const pod = deployment.spec?.template.spec;
      expect(pod?.automountServiceAccountToken).toBe(false);
      expect(pod?.securityContext).toMatchObject({
        runAsNonRoot: true,
        runAsUser: NODE_IMAGE_USER.uid,
        runAsGroup: NODE_IMAGE_USER.gid,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      const tmp = pod?.volumes?.find((volume) => volume.name === 'tmp');
      expect(tmp?.emptyDir).toBeDefined();
      for (const each of podContainers(deployment)) {
        expect(each.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
        expect(each.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
        expect(each.resources?.requests?.['cpu']).toBeDefined();
        expect(each.resources?.limits?.['memory']).toBeDefined();
        // The image's CMD runs: what the Dockerfile and compose run.
        expect(each.command).toBeUndefined();
        expect(each.args).toBeUndefined();
      }
    }
    const namespace = find<RenderedObject & { metadata: { labels: Record<string, string> } }>(example, 'Namespace', 'jobs');
    expect(namespace.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  it('agrees with the Dockerfile: images, user, ports, health paths', () => {
    const images: [IDeployment, string, string][] = [
      [api, 'api', 'api'],
      [api, 'migrate', 'migrate'],
      [worker, 'worker', 'worker'],
      [worker, 'migrate', 'migrate'],
    ];
    for (const [deployment, name, target] of images) {
      const image = dockerfileTarget(target);
      expect(container(deployment, name).image).toBe(`registry.example.com/jobs-platform/${target}:1.0.0`);
      expect(image.user).toBe(NODE_IMAGE_USER.name);
    }
    const probed: [IDeployment, string, string][] = [
      [api, 'api', 'PORT'],
      [worker, 'worker', 'WORKER_HTTP_PORT'],
    ];
    for (const [deployment, name, portVariable] of probed) {
      const image = dockerfileTarget(name);
      const app = container(deployment, name);
      const port = app.ports?.[0];
      expect(app.ports).toHaveLength(1);
      expect(image.exposed).toEqual([port?.containerPort]);
      expect(image.env[portVariable]).toBe(String(port?.containerPort));
      expect(containerEnvironment(example, app)[portVariable]).toBe(String(port?.containerPort));
      // The image's HEALTHCHECK asks /health/ready; so does readiness, and liveness asks /health/live.
      expect(image.healthcheck).toContain(`'${app.readinessProbe?.httpGet?.path}'`);
      expect(app.readinessProbe?.httpGet).toEqual({ path: '/health/ready', port: port?.name });
      expect(app.livenessProbe?.httpGet).toEqual({ path: '/health/live', port: port?.name });
      expect(app.startupProbe?.httpGet).toEqual({ path: '/health/live', port: port?.name });
    }
    const service = find<IService>(example, 'Service', 'jobs-api');
    expect(service.spec?.ports?.[0]?.targetPort).toBe(container(api, 'api').ports?.[0]?.name);
    expect(service.spec?.selector).toEqual(api.spec?.selector.matchLabels);
  });

  it('sets only variables the apps read, and secrets only as files from the Secret', () => {
    const secret = generated<ISecret>(example, 'Secret', 'jobs-secrets');
    const checks: [IDeployment, string, Set<string>][] = [
      [api, 'api', API_VARIABLES],
      [worker, 'worker', WORKER_VARIABLES],
      [api, 'migrate', new Set(connectionVariables())],
      [worker, 'migrate', new Set(connectionVariables())],
    ];
    for (const [deployment, name, accepted] of checks) {
      const app = container(deployment, name);
      const environment = containerEnvironment(example, app);
      for (const variable of Object.keys(environment)) expect([name, variable, accepted.has(variable)]).toEqual([name, variable, true]);
      expect(Object.keys(environment).filter((variable) => /SECRET$|PASSWORD$|^DATABASE_URL$/.test(variable))).toEqual([]);
      // Each *_FILE names a file of the mounted Secret that the Secret holds.
      const volumes = deployment.spec?.template.spec?.volumes ?? [];
      for (const [variable, path] of Object.entries(environment).filter(([key]) => key.endsWith('_FILE'))) {
        const mount = app.volumeMounts?.find((candidate) => path.startsWith(`${candidate.mountPath}/`));
        const volume = volumes.find((candidate) => candidate.name === mount?.name);
        expect([variable, volume?.secret?.secretName]).toEqual([variable, secret.metadata?.name]);
        const key = volume?.secret?.items?.find((item) => item.path === path.slice(`${mount?.mountPath}/`.length))?.key ?? '';
        expect([variable, Object.keys(secret.data ?? {})]).toEqual([variable, expect.arrayContaining([key])]);
      }
    }
    expect(containerEnvironment(example, container(api, 'api'))).toMatchObject({ DATABASE_URL_FILE: '/run/secrets/jobs/database-url', JWT_SECRET_FILE: '/run/secrets/jobs/jwt-secret' });
    // KEDA connects with the same Secret key.
    const authentication = find<ITriggerAuthentication>(example, 'TriggerAuthentication', 'jobs-postgresql');
    expect(authentication.spec?.secretTargetRef).toEqual([{ parameter: 'connection', name: secret.metadata?.name, key: 'database-url' }]);
  });

  it('scales the API on CPU and the workers on the queue, in step with the workers\' settings', () => {
    // Replicas belong to the autoscalers: a Deployment that set them would be reset by each apply.
    expect(api.spec?.replicas).toBeUndefined();
    expect(worker.spec?.replicas).toBeUndefined();
    const hpa = find<IHorizontalPodAutoscaler>(example, 'HorizontalPodAutoscaler', 'jobs-api');
    expect(hpa.spec?.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'jobs-api' });
    expect(hpa.spec?.metrics?.[0]?.resource?.name).toBe('cpu');
    expect(hpa.spec?.minReplicas).toBeGreaterThanOrEqual(2);

    const scaledObject = find<IScaledObject>(example, 'ScaledObject', 'jobs-worker');
    const trigger = scaledObject.spec.triggers[0];
    expect(scaledObject.spec.scaleTargetRef.name).toBe('jobs-worker');
    expect(trigger?.type).toBe('postgresql');
    expect(trigger?.authenticationRef?.name).toBe('jobs-postgresql');
    const workerEnvironment = containerEnvironment(example, container(worker, 'worker'));
    expect(trigger?.metadata['targetQueryValue']).toBe(workerEnvironment['WORKER_CONCURRENCY']);
    // Each count's cap leaves room for the largest deployment.
    const caps = [...(trigger?.metadata['query'] ?? '').matchAll(/FROM jobs WHERE .*? LIMIT (\d+)/g)].map((match) => Number(match[1]));
    expect(caps).toHaveLength(2);
    for (const cap of caps) expect(cap).toBeGreaterThanOrEqual((scaledObject.spec.maxReplicaCount ?? 100) * Number(trigger?.metadata['targetQueryValue']));
    expect(scaledObject.spec.minReplicaCount).toBe(1);
    expect(find<IScaledObject>(rendered.get('overlays/scale-to-zero') ?? [], 'ScaledObject', 'jobs-worker').spec.minReplicaCount).toBe(0);

    // A worker is killed only after its drain could finish.
    expect(worker.spec?.template.spec?.terminationGracePeriodSeconds).toBeGreaterThan(Number(workerEnvironment['WORKER_SHUTDOWN_TIMEOUT_SECONDS']));
    for (const name of ['jobs-api', 'jobs-worker']) {
      const budget = find<RenderedObject & { spec: { selector: { matchLabels: unknown } } }>(example, 'PodDisruptionBudget', name);
      expect(budget.spec.selector.matchLabels).toEqual(find<IDeployment>(example, 'Deployment', name).spec?.selector.matchLabels);
    }
  });

  describe('against PostgreSQL', () => {
    /** The processes' database, and another for KEDA's query, which no worker empties meanwhile. */
    let database: ScratchDatabase;
    let queryDatabase: ScratchDatabase;
    let client: pg.Client;
    // Not under /tmp, which the confined processes get a tmpfs of their own for.
    const secrets = mkdtempSync('/var/tmp/kubernetes-secrets-');
    const confined = canConfine();
    const processes: ManagedProcess[] = [];

    beforeAll(async () => {
      // Empty, as before a first release: the first pod's migration step creates the schema.
      database = await createScratchDatabase();
      queryDatabase = await createMigratedDatabase();
      client = new pg.Client({ connectionString: queryDatabase.url });
      await client.connect();
    }, 120_000);

    afterAll(async () => {
      await Promise.all(processes.map((child) => child.stop()));
      await client?.end();
      await database?.drop();
      await queryDatabase?.drop();
      rmSync(secrets, { recursive: true, force: true });
    });

    /**
     * A container as a process from the built repository (laid out as the images' /app; the compose
     * spec checks the images hold the same): the image's environment, then the pod's, its Secret's
     * files under a folder standing for the mount.
     */
    function start(deployment: IDeployment, name: string, target: string, overrides: Record<string, string>): ManagedProcess {
      const image = dockerfileTarget(target);
      const app = container(deployment, name);
      const pod = deployment.spec?.template.spec;
      const mount = app.volumeMounts?.find((candidate) => candidate.name === 'secrets')?.mountPath ?? '';
      const podEnvironment = { ...image.env, ...containerEnvironment(example, app), ...overrides };
      const [command = '', ...args] = image.cmd;
      expect(command).toBe('node');
      const label = `${deployment.metadata?.name} ${name}`;
      let child: ManagedProcess;
      if (confined) {
        const confinement = { SECRETS_SOURCE: secrets, SECRETS_MOUNT: mount, POD_UID: String(pod?.securityContext?.runAsUser), POD_GID: String(pod?.securityContext?.runAsGroup) };
        child = spawnCommand(label, 'unshare', ['--mount', '--propagation', 'private', 'sh', '-c', CONFINE, 'confine', process.execPath, ...args], { ...podEnvironment, ...confinement }, ROOT);
      } else {
        const environment = Object.fromEntries(Object.entries(podEnvironment).map(([key, value]) => [key, value.startsWith(`${mount}/`) ? join(secrets, value.slice(mount.length + 1)) : value]));
        child = spawnCommand(label, process.execPath, args, environment, ROOT);
      }
      processes.push(child);
      return child;
    }

    /** The Secret's files as the volume gives them: owned by root, group the pod's fsGroup, defaultMode. */
    function writeSecretFiles(values: Record<string, string>): void {
      const pod = api.spec?.template.spec;
      const volume = pod?.volumes?.find((candidate) => candidate.name === 'secrets');
      chmodSync(secrets, 0o755);
      for (const [key, value] of Object.entries(values)) {
        const file = join(secrets, key);
        writeFileSync(file, `${value}\n`);
        if (confined) chownSync(file, 0, pod?.securityContext?.fsGroup ?? 0);
        chmodSync(file, volume?.secret?.defaultMode ?? 0o644);
      }
    }

    async function probe(port: string, container: Container): Promise<number[]> {
      const paths = [container.startupProbe, container.livenessProbe, container.readinessProbe].map((each) => each?.httpGet?.path ?? '');
      return Promise.all(paths.map(async (path) => (await fetch(`http://127.0.0.1:${port}${path}`)).status));
    }

    it('boots the migration step, the API and a worker with the pods\' environment and confinement (read-only root, uid 1000, no capabilities); their probes answer', async () => {
      if (!confined) console.warn('not root or no mount namespaces here: the pods\' processes run without their confinement');
      writeSecretFiles({ 'database-url': database.url, 'jwt-secret': TEST_JWT_SECRET });

      // The API's pod migrates; the worker's (or any later pod's) finds nothing to do.
      const first = start(api, 'migrate', 'migrate', {});
      expect(await first.exited).toEqual({ code: 0, signal: null });
      expect(first.logs()).toMatch(/applied \d+ migration\(s\)/);
      const second = start(worker, 'migrate', 'migrate', {});
      expect(await second.exited).toEqual({ code: 0, signal: null });
      expect(second.logs()).toContain('database is up to date');

      const apiPort = String(await freePort());
      const apiProcess = start(api, 'api', 'api', { PORT: apiPort, HOST: '127.0.0.1' });
      await apiProcess.waitForOutput(/API listening on/);
      const workerPort = String(await freePort());
      const workerProcess = start(worker, 'worker', 'worker', { WORKER_HTTP_PORT: workerPort, WORKER_HTTP_HOST: '127.0.0.1' });
      await workerProcess.waitForOutput(/worker \d+ started/);

      expect(await waitUntil(() => probe(apiPort, container(api, 'api')), (statuses) => statuses.every((status) => status === 200), { timeoutMs: 30_000 })).toEqual([200, 200, 200]);
      expect(await waitUntil(() => probe(workerPort, container(worker, 'worker')), (statuses) => statuses.every((status) => status === 200), { timeoutMs: 30_000 })).toEqual([200, 200, 200]);
      if (confined) {
        for (const child of [apiProcess, workerProcess]) {
          // The exec chain ends in node itself: its status and mounts are the pod's.
          const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
          expect(status).toMatch(/^Uid:\s+1000\s+1000\s+1000\s+1000$/m);
          expect(status).toMatch(/^CapEff:\s+0+$/m);
          expect(status).toMatch(/^CapBnd:\s+0+$/m);
          expect(status).toMatch(/^NoNewPrivs:\s+1$/m);
          // Its root filesystem (seen through its own mount namespace) is read-only, its /tmp is not.
          expect(() => accessSync(`/proc/${child.pid}/root${ROOT}`, constants.W_OK)).toThrow(/EROFS/);
          expect(() => accessSync(`/proc/${child.pid}/root/tmp`, constants.W_OK)).not.toThrow();
        }
      }
      // At most two pools of DATABASE_POOL_SIZE per process plus its LISTEN sessions (API one, worker two): README's sizing.
      const poolSize = Number(containerEnvironment(example, container(api, 'api'))['DATABASE_POOL_SIZE']);
      const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM pg_stat_activity WHERE datname = $1', [new URL(database.url).pathname.slice(1)]);
      expect(Number(rows[0]?.count)).toBeLessThanOrEqual(2 * poolSize + 1 + (2 * poolSize + 2));
      // NODE_ENV=production from the ConfigMap: JSON logs.
      expect(apiProcess.logs()).toMatch(/^\{"level":30,.*"app":"api"/m);
      for (const child of [apiProcess, workerProcess]) expect(await child.stop()).toEqual({ code: 0, signal: null });
    });

    it('KEDA\'s query counts running jobs, due jobs and due schedules, each capped, from the partial indexes', async () => {
      const query = find<IScaledObject>(example, 'ScaledObject', 'jobs-worker').spec.triggers[0]?.metadata['query'] ?? '';
      const insertJobs = (count: number, status: string, runAt: string, finishedAt: string | null) =>
        client.query(
          `INSERT INTO jobs (id, owner_id, type, status, payload, max_attempts, timeout_seconds, queue_name, queue_job_id, run_at, finished_at)
           SELECT gen_random_uuid(), 'owner-' || (i % 50), 'text.indicators', $2::"JobStatus", '{}', 3, 60, 'text.indicators', gen_random_uuid(),
                  now() + $3::interval, now() + $4::interval
             FROM generate_series(1, $1::int) AS i`,
          [count, status, runAt, finishedAt],
        );
      const insertSchedules = (count: number, enabled: boolean, nextFireAt: string) =>
        client.query(
          `INSERT INTO schedules (id, owner_id, name, cron, timezone, type, payload, enabled, next_fire_at)
           SELECT gen_random_uuid(), 'owner', 'nightly', '0 3 * * *', 'UTC', 'text.indicators', '{}', $2, now() + $3::interval
             FROM generate_series(1, $1::int)`,
          [count, enabled, nextFireAt],
        );
      // What the query must not read: finished jobs, jobs not yet due, schedules not due or paused.
      await insertJobs(60_000, 'COMPLETED', '-1 day', '-1 hour');
      await insertJobs(2_000, 'FAILED', '-1 day', '-1 hour');
      await insertJobs(40, 'PENDING', '1 hour', null);
      await insertSchedules(20_000, true, '1 hour');
      await insertSchedules(500, false, '-1 hour');
      // What it counts.
      await insertJobs(7, 'PROCESSING', '-1 minute', null);
      await insertJobs(5, 'PENDING', '-1 second', null);
      await insertSchedules(2, true, '-1 second');
      await client.query('ANALYZE jobs; ANALYZE schedules');

      const count = async () => Number((await client.query<{ count: string }>(query)).rows[0]?.count);
      // Due schedules count one however many, as a signal that a worker is needed.
      expect(await count()).toBe(7 + 5 + 1);

      const [{ 'QUERY PLAN': [plan] }] = (await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${query}`)).rows as [{ 'QUERY PLAN': [{ Plan: PlanNode }] }];
      const scans = planNodes(plan.Plan).filter((node) => node['Relation Name']);
      expect(scans.map((node) => [node['Relation Name'], node['Node Type'], node['Index Name']])).toEqual([
        ['jobs', expect.stringMatching(/^Index (Only )?Scan$/), 'jobs_status_run_at_idx'],
        ['jobs', expect.stringMatching(/^Index (Only )?Scan$/), 'jobs_status_run_at_idx'],
        ['schedules', expect.stringMatching(/^Index (Only )?Scan$/), 'schedules_next_fire_at_idx'],
      ]);

      // A backlog deeper than the largest deployment needs is counted to the cap, and no further.
      await insertJobs(1_500, 'PENDING', '-1 second', null);
      expect(await count()).toBe(7 + 1000 + 1);
    }, 120_000);
  });
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}
