import { TextIndicatorsHandler } from './text-indicators/text-indicators.handler.js';

/** One line per job type: the worker checks at boot that this matches the job catalog exactly. */
export const JOB_HANDLER_CLASSES = [TextIndicatorsHandler] as const;
