import type { RetentionPolicy } from '@jobs/jobs';

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** A retention age: a whole number and a unit (`45s`, `90m`, `12h`, `30d`). */
export const AGE_PATTERN = /^[1-9]\d{0,8}[smhd]$/;

/** `type=age` pairs, comma-separated; `off` for an age keeps that type's jobs. */
export const AGE_BY_TYPE_PATTERN = /^\s*[\w.-]+=(?:[1-9]\d{0,8}[smhd]|off)\s*(?:,\s*[\w.-]+=(?:[1-9]\d{0,8}[smhd]|off)\s*)*$/;

export const AGE_FORMAT = 'a whole number and s, m, h or d (45s, 90m, 12h, 30d)';

export function ageSeconds(age: string): number {
  const unit = age.at(-1) as keyof typeof UNIT_SECONDS;
  return Number(age.slice(0, -1)) * UNIT_SECONDS[unit];
}

/** The per-type pairs of JOB_RETENTION_BY_TYPE, in order (ages in seconds, null for `off`). */
function pairsOf(byType: string | undefined): [string, number | null][] {
  if (!byType) return [];
  return byType.split(',').map((pair) => {
    const [type = '', age = ''] = pair.trim().split('=');
    return [type, age === 'off' ? null : ageSeconds(age)];
  });
}

/** Problems with the per-type ages beyond their form: types the catalog does not know, types named twice. */
export function retentionProblems(byType: string | undefined, knownTypes: readonly string[]): string[] {
  const types = pairsOf(byType).map(([type]) => type);
  const unknown = types.filter((type) => !knownTypes.includes(type));
  const repeated = types.filter((type, index) => types.indexOf(type) !== index);
  return [
    ...(unknown.length > 0 ? [`JOB_RETENTION_BY_TYPE: unknown job type ${unknown.join(', ')} (known: ${knownTypes.join(', ')})`] : []),
    ...(repeated.length > 0 ? [`JOB_RETENTION_BY_TYPE: ${[...new Set(repeated)].join(', ')} named more than once`] : []),
  ];
}

/** The policy the worker environment describes (validated: AGE_PATTERN, AGE_BY_TYPE_PATTERN). */
export function retentionPolicyOf(settings: { JOB_RETENTION?: string | undefined; JOB_RETENTION_BY_TYPE?: string | undefined }): RetentionPolicy {
  return {
    defaultAgeSeconds: settings.JOB_RETENTION ? ageSeconds(settings.JOB_RETENTION) : null,
    ageSecondsByType: new Map(pairsOf(settings.JOB_RETENTION_BY_TYPE)),
  };
}
