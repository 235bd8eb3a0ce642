// Provisions and runs the HAPI FHIR validator the FHIR tests check every
// answer with: the pinned HAPI FHIR release from Maven Central (its jars
// resolved with Maven from test/fhir-validator/pom.xml, cached), a small Java
// class compiled with the machine's javac, and one long-lived process that
// validates resource after resource offline (no terminology server).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forEachLine } from './processes.mjs';
import { toolsDir } from './tools-dir.mjs';

/** The pinned HAPI FHIR release: Maven Central serves 8.8.0 of hapi-fhir-validation and its R4 resources here, not 8.10 or 8.12. */
export const HAPI_FHIR_VERSION = '8.8.0';

const SOURCES = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test', 'fhir-validator');

/** Runs a command, its output captured; returns the result. */
function run(command, args, options = {}) {
  return spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
}

/** Fails loudly with what to install when a tool is missing. */
function requireTool(command, what) {
  const probe = run(command, ['-version']);
  if (probe.error) throw new Error(`${command} not found: ${what}`);
}

/**
 * Returns the class path of the validator (its jars and its compiled class),
 * resolving the jars from Maven Central the first time (retried once, the
 * cause printed when it still fails) and compiling the class when missing.
 */
export function ensureFhirValidator({ log = console.error } = {}) {
  const dir = join(toolsDir(), `hapi-fhir-validator-${HAPI_FHIR_VERSION}`);
  const lib = join(dir, 'lib');
  // Compiled once per version of the source: a changed class is compiled again.
  const source = join(SOURCES, 'FhirValidatorServer.java');
  const classes = join(dir, `classes-${createHash('sha256').update(readFileSync(source)).digest('hex').slice(0, 12)}`);
  if (!existsSync(join(lib, `hapi-fhir-validation-${HAPI_FHIR_VERSION}.jar`))) {
    requireTool('mvn', 'install Maven (Debian package maven) to resolve the HAPI FHIR validator from Maven Central');
    mkdirSync(dir, { recursive: true });
    log(`resolving HAPI FHIR ${HAPI_FHIR_VERSION} from Maven Central (first run only; cached in ${dir})...`);
    const args = [
      '-B',
      '-q',
      '-f',
      join(SOURCES, 'pom.xml'),
      `-Dhapi.version=${HAPI_FHIR_VERSION}`,
      `-Dmaven.repo.local=${join(dir, 'm2')}`,
      'dependency:copy-dependencies',
      `-DoutputDirectory=${lib}`,
      '-DincludeScope=runtime',
    ];
    let result = run('mvn', args);
    if (result.status !== 0) {
      log('Maven could not resolve the validator; trying once more...');
      rmSync(lib, { recursive: true, force: true });
      result = run('mvn', args);
    }
    if (result.status !== 0)
      throw new Error(`HAPI FHIR ${HAPI_FHIR_VERSION} could not be resolved from Maven Central:\n${result.stdout}${result.stderr}`);
    rmSync(join(dir, 'm2'), { recursive: true, force: true });
  }
  const classPath = `${classes}:${lib}/*`;
  if (!existsSync(join(classes, 'FhirValidatorServer.class'))) {
    requireTool('javac', 'install a JDK 17 or newer (Debian package openjdk-17-jdk-headless)');
    mkdirSync(classes, { recursive: true });
    const compiled = run('javac', ['-nowarn', '-d', classes, '-cp', `${lib}/*`, source]);
    if (compiled.status !== 0) throw new Error(`the FHIR validator did not compile:\n${compiled.stderr}`);
  }
  if (!readdirSync(lib).some((name) => name.startsWith('hapi-fhir-validation-resources-r4')))
    throw new Error(`${lib} lacks the R4 resources`);
  return classPath;
}

/**
 * Starts one validator process and resolves once it is ready: `validate(resource)`
 * answers `{ errors, warnings, issues }` per resource, in order; `stop()` ends it.
 */
export async function startFhirValidator({ log = console.error, readyTimeoutMs = 180_000 } = {}) {
  const classPath = ensureFhirValidator({ log });
  const child = spawn('java', ['-Xmx1g', '-cp', classPath, 'FhirValidatorServer'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const waiting = [];
  let stderr = '';
  let ready;
  const started = new Promise((resolveReady, rejectReady) => {
    ready = resolveReady;
    child.once('exit', (code) => rejectReady(new Error(`the FHIR validator stopped (exit ${code}): ${stderr.slice(-2000)}`)));
    setTimeout(() => rejectReady(new Error('the FHIR validator did not start in time')), readyTimeoutMs).unref();
  });
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-8000);
  });
  child.on('exit', () => {
    for (const pending of waiting.splice(0)) pending.reject(new Error(`the FHIR validator stopped: ${stderr.slice(-2000)}`));
  });
  forEachLine(child.stdout, (line) => {
    const answer = JSON.parse(line);
    if (answer.ready) return ready();
    waiting.shift()?.resolve(answer);
  });
  await started;
  return {
    validate(resource) {
      return new Promise((resolveAnswer, reject) => {
        waiting.push({ resolve: resolveAnswer, reject });
        child.stdin.write(`${JSON.stringify(resource)}\n`);
      });
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.stdin.end('\n');
      await exited;
    },
  };
}
