// The default preset and the rules that keep a preset's steps meaningful.
import type { Preset } from '../../shared/dto';

export const DEFAULT_PRESET_ID = 'default';

export function defaultPreset(): Preset {
  return {
    id: DEFAULT_PRESET_ID,
    name: 'Default',
    desiredRetention: 0.9,
    maximumIntervalDays: 36_500,
    learningSteps: ['1m', '10m'],
    relearningSteps: ['10m'],
    newPerDay: 20,
    reviewsPerDay: 200,
    fuzz: true,
    leechThreshold: 8,
    weights: null,
  };
}

const UNIT_MINUTES = { m: 1, h: 60, d: 1440 } as const;

/** Minutes in a step such as `10m`, `1h` or `2d`; throws on anything else. */
export function stepMinutes(step: string): number {
  const match = /^(\d+(?:\.\d+)?)([mhd])$/.exec(step);
  if (!match) throw new Error(`"${step}" is not a step: write a number and m, h or d, e.g. 10m`);
  return Number(match[1]) * UNIT_MINUTES[match[2] as keyof typeof UNIT_MINUTES];
}
