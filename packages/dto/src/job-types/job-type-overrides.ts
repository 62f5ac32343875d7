import type { FairnessGroup, FairnessSettings, RateLimitSettings, RatePeriod } from '@jobs/contracts';

/** Every type's fair sharing unless its definition or the environment says otherwise: half a worker's slots per owner. */
export const DEFAULT_FAIRNESS: FairnessSettings = { by: 'owner', share: 0.5 };

/**
 * A deployment's changes to the catalog's fairness and rate limits, by type name (`*`: every type;
 * a named type's entry wins). Null turns the setting off.
 */
export interface JobTypeOverrides {
  fairness: ReadonlyMap<string, FairnessSettings | null>;
  rateLimits: ReadonlyMap<string, RateLimitSettings | null>;
}

export interface ParsedOverrides<Setting> {
  settings: Map<string, Setting | null>;
  problems: string[];
}

const FAIRNESS_GROUPS: readonly FairnessGroup[] = ['owner', 'organisation'];
const RATE_PERIODS: readonly RatePeriod[] = ['second', 'minute'];

/**
 * `JOB_FAIRNESS`: `type=by:share` entries, comma-separated (`*=owner:0.5,domain.similar=organisation:0.25,bench.noop=off`).
 * `typeNames` are the types an entry may name (besides `*`).
 */
export function parseFairnessOverrides(text: string, typeNames: readonly string[]): ParsedOverrides<FairnessSettings> {
  return parseEntries(text, typeNames, 'JOB_FAIRNESS', (value) => {
    const [by, share, ...rest] = value.split(':');
    const fraction = Number(share);
    if (rest.length > 0 || !FAIRNESS_GROUPS.includes(by as FairnessGroup) || share === undefined || share.trim() === '' || !(fraction > 0 && fraction <= 1)) {
      return `must be off or ${FAIRNESS_GROUPS.join('|')}:<share above 0, at most 1> (owner:0.5)`;
    }
    return { by: by as FairnessGroup, share: fraction };
  });
}

/** `JOB_RATE_LIMITS`: `type=limit/period` entries, comma-separated (`domain.similar=10/second,text.indicators=600/minute,sample.analyze=off`). */
export function parseRateLimitOverrides(text: string, typeNames: readonly string[]): ParsedOverrides<RateLimitSettings> {
  return parseEntries(text, typeNames, 'JOB_RATE_LIMITS', (value) => {
    const match = /^(\d{1,9})\/(\w+)$/.exec(value);
    const limit = Number(match?.[1]);
    if (!match || !(limit >= 1) || !RATE_PERIODS.includes(match[2] as RatePeriod)) {
      return `must be off or <starts, at least 1>/${RATE_PERIODS.join('|')} (10/second)`;
    }
    return { limit, per: match[2] as RatePeriod };
  });
}

function parseEntries<Setting extends object>(
  text: string,
  typeNames: readonly string[],
  variable: string,
  parseValue: (value: string) => Setting | string,
): ParsedOverrides<Setting> {
  const settings = new Map<string, Setting | null>();
  const problems: string[] = [];
  for (const entry of text.split(',').map((part) => part.trim()).filter((part) => part.length > 0)) {
    const separator = entry.indexOf('=');
    const name = separator < 0 ? entry : entry.slice(0, separator).trim();
    const value = separator < 0 ? '' : entry.slice(separator + 1).trim();
    if (separator < 0) {
      problems.push(`${variable} entry "${entry}" must be <type>=<setting>`);
    } else if (name !== '*' && !typeNames.includes(name)) {
      problems.push(`${variable} entry "${entry}" names no job type (known: *, ${typeNames.join(', ')})`);
    } else if (settings.has(name)) {
      problems.push(`${variable} sets ${name} twice`);
    } else if (value === 'off') {
      settings.set(name, null);
    } else {
      const parsed = parseValue(value);
      if (typeof parsed === 'string') problems.push(`${variable} entry "${entry}": the setting ${parsed}`);
      else settings.set(name, parsed);
    }
  }
  return { settings, problems };
}
