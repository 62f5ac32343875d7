// Time and peak memory of `domain.similar` at its default limit (issue 13), each domain in a fresh
// process so its peak RSS is its own. Usage: pnpm bench:similar [seconds before a run is stopped, default 150]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const LABEL_63 = 'internationalbusinessmachinescorporationcustomersupportportal01';
const DOMAINS = {
  'google.com': 'google.com',
  '63-character label': `${LABEL_63}.com`,
  // Long enough for homoglyph to reach its bound on candidates; the o's make nearly every candidate valid.
  '29-character label': 'internationalbusinessmachines.com',
  '40 o': `${'o'.repeat(40)}.com`,
  // Three subdomains and the 63-character name: 253 characters, the most DNS allows.
  '253-character name': `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(57)}.${LABEL_63}.com`,
};

if (process.argv[2] === '--run') {
  // The handler as the worker runs it: the payload's defaults (all fuzzers, built-in suffixes, limit 10,000).
  const { DomainSimilarHandler } = await import('../apps/worker/dist/handlers/domain-similar/domain-similar.handler.js');
  const context = { jobId: 'bench', attempt: 1, signal: new AbortController().signal, progress: () => {}, logger: console };
  // CPU time beside wall time: on a loaded machine the wall time mostly measures the others.
  const started = performance.now();
  const cpu = process.cpuUsage();
  const { variants, ...counts } = await new DomainSimilarHandler().handle({ domain: process.argv[3] }, context);
  const { user, system } = process.cpuUsage(cpu);
  const ms = Math.round(performance.now() - started);
  console.log(JSON.stringify({ ms, cpuMs: Math.round((user + system) / 1000), peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), ...counts }));
} else {
  const stopAfterSeconds = Number(process.argv[2] ?? 150);
  for (const [name, domain] of Object.entries(DOMAINS)) {
    const child = spawn(process.execPath, [new URL(import.meta.url).pathname, '--run', domain], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    let peakKiB = 0;
    child.stdout.on('data', (chunk) => (output += chunk));
    // VmHWM is the process's peak resident set so far; read it until the process is gone.
    const sample = setInterval(() => {
      try {
        peakKiB = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? peakKiB);
      } catch {}
    }, 50);
    const stop = setTimeout(() => child.kill('SIGKILL'), stopAfterSeconds * 1000);
    const started = performance.now();
    await new Promise((resolve) => child.on('exit', resolve));
    clearInterval(sample);
    clearTimeout(stop);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const report = output ? JSON.parse(output) : { stopped: `after ${stopAfterSeconds} s, unfinished` };
    console.log(`${name} (${domain.length} characters): ${seconds} s wall (process included), peak RSS ${(peakKiB / 1024).toFixed(0)} MiB`, JSON.stringify(report));
  }
}
