import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

/** What a container of an image starts with: its files (a folder here), working folder, environment and commands. */
export interface AssembledImage {
  /** The folder holding the image's files; the image's `/` maps to it. */
  root: string;
  /** The image's WORKDIR, as a folder here. */
  workdir: string;
  env: Record<string, string>;
  cmd: string[];
  healthcheck: string[] | null;
}

interface Instruction {
  op: string;
  args: string;
}

interface Stage {
  base: string;
  instructions: Instruction[];
}

/** Where a stage's `/app` lies here: a folder built by replaying it, or the built repository itself. */
interface StageFiles {
  app: string;
}

const IMAGE_APP = '/app';

/**
 * Lays out a Dockerfile target's files without a Docker engine, the way `docker build` would:
 * stages that only copy manifests and run `pnpm install` are replayed for real in a scratch folder
 * (so a production-only install is exactly what the image gets); stages that build (turbo, prisma)
 * stand for the repository, which the test command has installed and built already. The target's
 * own chain of stages is then assembled in another folder by its COPY instructions, keeping
 * symbolic links as they are, so nothing outside the folder is reachable by module resolution.
 */
export class DockerfileImages {
  private readonly stages = new Map<string, Stage>();
  private readonly replayed = new Map<string, StageFiles>();

  constructor(
    private readonly context: string,
    private readonly pnpm: string[],
    dockerfile = join(context, 'Dockerfile'),
  ) {
    let current: Stage | null = null;
    for (const line of readFileSync(dockerfile, 'utf8').replace(/\\\n\s*/g, ' ').split('\n').map((row) => row.trim())) {
      if (line === '' || line.startsWith('#')) continue;
      const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
      if (from) {
        current = { base: from[1] ?? '', instructions: [] };
        if (from[2]) this.stages.set(from[2], current);
        continue;
      }
      const space = line.indexOf(' ');
      current?.instructions.push({ op: line.slice(0, space).toUpperCase(), args: line.slice(space + 1).trim() });
    }
  }

  /** The stages a target is built from, base first. */
  private chain(target: string): Stage[] {
    const stage = this.stages.get(target);
    if (!stage) return [];
    return [...this.chain(stage.base), stage];
  }

  assemble(target: string): AssembledImage {
    const chain = this.chain(target);
    if (chain.length === 0) throw new Error(`no stage ${target} in the Dockerfile`);
    const image: AssembledImage = { root: mkdtempSync(join(tmpdir(), `image-${target}-`)), workdir: '/', env: {}, cmd: [], healthcheck: null };
    for (const { op, args } of chain.flatMap((stage) => stage.instructions)) {
      switch (op) {
        case 'WORKDIR':
          image.workdir = args;
          break;
        case 'ENV':
          // KEY=value or KEY="a value with spaces".
          for (const pair of args.matchAll(/(\w+)=(?:"([^"]*)"|(\S+))/g)) image.env[pair[1] ?? ''] = pair[2] ?? pair[3] ?? '';
          break;
        case 'CMD':
          image.cmd = JSON.parse(args) as string[];
          break;
        case 'HEALTHCHECK':
          image.healthcheck = JSON.parse(args.slice(args.indexOf('CMD') + 3).trim()) as string[];
          break;
        case 'COPY':
          this.copy(args, image.root, image.workdir);
          break;
        case 'RUN':
          throw new Error(`target ${target} runs a command in its final stages (${args}); only COPY is replayed there`);
      }
    }
    return { ...image, workdir: join(image.root, image.workdir) };
  }

  private copy(args: string, root: string, workdir: string): void {
    const words = args.split(/\s+/);
    const from = words.find((word) => word.startsWith('--from='))?.slice('--from='.length);
    const paths = words.filter((word) => !word.startsWith('--'));
    const destination = paths.pop() ?? '';
    const target = join(root, destination.startsWith('/') ? destination : join(workdir, destination));
    const sourceApp = from ? this.filesOf(from).app : this.context;
    for (const source of paths) {
      const inside = from ? relative(IMAGE_APP, source) : source;
      if (inside.startsWith('..')) throw new Error(`COPY --from=${from} ${source}: only ${IMAGE_APP} is known of other stages`);
      const into = destination.endsWith('/') || paths.length > 1 ? join(target, source.split('/').pop() ?? '') : target;
      mkdirSync(dirname(into), { recursive: true });
      run('cp', ['-a', '--no-target-directory', join(sourceApp, inside), into]);
    }
  }

  /** A stage's files, replayed once when it only copies manifests and installs; else the built repository. */
  private filesOf(stageName: string): StageFiles {
    const known = this.replayed.get(stageName);
    if (known) return known;
    const instructions = this.chain(stageName).flatMap((stage) => stage.instructions);
    const commands = instructions.filter((instruction) => instruction.op === 'RUN').map((instruction) => instruction.args.replace(/^(--mount=\S+\s+)+/, ''));
    const installsOnly = commands.every((command) => /^npm install --global .*pnpm@/.test(command) || /^pnpm install\b/.test(command));
    const usesContextOnlyByManifest = instructions.every((instruction) => instruction.op !== 'COPY' || !/^\.\s/.test(instruction.args));
    let files: StageFiles = { app: this.context };
    if (installsOnly && usesContextOnlyByManifest) {
      const scratch = mkdtempSync(join(tmpdir(), `stage-${stageName}-`));
      for (const instruction of instructions.filter((candidate) => candidate.op === 'COPY')) this.copy(instruction.args, scratch, IMAGE_APP);
      const app = join(scratch, IMAGE_APP);
      for (const command of commands.filter((candidate) => candidate.startsWith('pnpm install'))) {
        const [, ...args] = command.match(/"[^"]*"|\S+/g)?.map((word) => word.replace(/^"|"$/g, '')) ?? [];
        const [executable = '', ...prefix] = this.pnpm;
        run(executable, [...prefix, ...args, '--offline', '--reporter=silent'], app);
      }
      files = { app };
    }
    this.replayed.set(stageName, files);
    return files;
  }
}

function run(command: string, args: string[], cwd?: string): void {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr}${result.stdout}`);
}
