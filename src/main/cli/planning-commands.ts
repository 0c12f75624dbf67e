// The command line's interview commands: optimize, plan, readiness, simulate.
import type { Calibration, OptimizeJob, Readiness, Simulation } from '../../shared/planning';
import { AppError } from '../../shared/errors';
import type { StudyService } from '../service/study-service';

export const PLANNING_COMMANDS = ['optimize', 'plan', 'readiness', 'simulate'] as const;

export const PLANNING_USAGE = `  optimize [--preset NAME] [--apply]      fit FSRS weights to your own reviews; compare on the last 20%
  plan add --name NAME --date ISO [--deck NAME]... [--tag TAG]... [--minutes N] [--target 0.9] [--buffer DAYS]
  plan list | plan remove NAME            interviews you prepare for
  readiness [--plan NAME] [--date ISO]    predicted recall on the interview's moment, per round and topic
  simulate [--preset NAME] [--plan NAME] [--days N]
                                          workload and recall for desired retentions 0.70 to 0.97`;

export interface PlanningOptions {
  preset?: string | undefined;
  apply?: boolean | undefined;
  name?: string | undefined;
  date?: string | undefined;
  deck?: string[] | undefined;
  tag?: string[] | undefined;
  minutes?: string | undefined;
  target?: string | undefined;
  buffer?: string | undefined;
  plan?: string | undefined;
  days?: string | undefined;
}

export class PlanningUsageError extends Error {}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function wholeNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new PlanningUsageError(`${flag}: "${value}" is not a whole number`);
  return n;
}

/** A preset by name or id; the default preset when none is named. */
async function presetId(service: StudyService, name: string | undefined): Promise<string> {
  const presets = await service.listPresets({});
  if (name === undefined) return 'default';
  const lower = name.toLowerCase();
  const preset = presets.find((p) => p.id === name) ?? presets.find((p) => p.name.toLowerCase() === lower);
  if (!preset) throw new AppError('not_found', `No preset called “${name}” (presets: ${presets.map((p) => p.name).join(', ')}).`, { field: '--preset' });
  return preset.id;
}

/** Waits for a background optimizer job, printing its progress to stderr for people. */
async function finished(service: StudyService, jobId: string, progress: (job: OptimizeJob) => void): Promise<OptimizeJob> {
  for (;;) {
    const job = await service.optimizeJob({ jobId });
    if (job.state !== 'running') return job;
    progress(job);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function runPlanningCommand(
  service: StudyService,
  command: (typeof PLANNING_COMMANDS)[number],
  args: string[],
  options: PlanningOptions,
  print: (result: unknown, text: () => string) => void,
  json: boolean,
): Promise<void> {
  switch (command) {
    case 'optimize': {
      const { jobId } = await service.optimizeStart({ presetId: await presetId(service, options.preset) });
      let shown = '';
      const job = await finished(service, jobId, (running) => {
        const line = `${running.phase} ${Math.round(running.progress * 100)}%`;
        if (!json && line !== shown && process.stderr.isTTY) process.stderr.write(`\r${(shown = line).padEnd(60)}`);
      });
      if (!json && shown) process.stderr.write('\n');
      if (job.state !== 'done' || !job.result) throw new AppError('internal', job.error?.message ?? `The optimizer ${job.state}.`);
      let result = job.result;
      if (options.apply && result.verdict === 'better') {
        const applied = await service.optimizeApply({ jobId });
        result = { ...result, applied: applied.applied, message: `${result.message}\n${applied.message}` };
      }
      print({ ...result, weights: result.weights ?? result.fittedWeights }, () =>
        [
          `${result.presetName}: ${result.reviews.toLocaleString('en-US')} reviews; fitted on ${result.train.toLocaleString('en-US')}, scored on ${result.test.toLocaleString('en-US')}.`,
          ...(result.current && result.optimized
            ? [`            log loss   RMSE(bins)`, `  current   ${result.current.logLoss.toFixed(4)}     ${pct(result.current.rmseBins)}`, `  fitted    ${result.optimized.logLoss.toFixed(4)}     ${pct(result.optimized.rmseBins)}`]
            : []),
          result.message,
          result.verdict === 'better' && !result.applied ? 'Run again with --apply to use them.' : '',
        ]
          .filter(Boolean)
          .join('\n'),
      );
      return;
    }
    case 'plan': {
      const [verb, ...rest] = args;
      if (verb === 'list') {
        const plans = await service.listPlans({});
        print(plans, () => (plans.length ? plans.map((p) => `${p.name}  ${new Date(p.at).toISOString()}  ${p.minutesPerDay} min/day, target ${Math.round(p.targetRecall * 100)}%`).join('\n') : 'No interviews yet: `interleave plan add --name NAME --date ISO`.'));
        return;
      }
      if (verb === 'remove') {
        const name = rest.join(' ') || options.name;
        if (!name) throw new PlanningUsageError('plan remove needs the interview’s NAME');
        const plan = service.planner.planByName(name);
        const result = await service.deletePlan({ planId: plan.id });
        print(result, () => `Removed “${plan.name}”.`);
        return;
      }
      if (verb !== 'add') throw new PlanningUsageError(`plan needs add, list or remove (not "${verb ?? ''}")`);
      if (!options.name || !options.date) throw new PlanningUsageError('plan add needs --name NAME and --date ISO (e.g. 2027-03-03T09:00)');
      const target = options.target === undefined ? undefined : Number(options.target);
      if (target !== undefined && !Number.isFinite(target)) throw new PlanningUsageError(`--target: "${options.target}" is not a number (e.g. 0.9)`);
      const minutes = wholeNumber(options.minutes, '--minutes');
      const buffer = wholeNumber(options.buffer, '--buffer');
      const plan = await service.savePlan({
        name: options.name,
        at: options.date,
        deckIds: (options.deck ?? []).map((name) => service.planner.deckIdByName(name)),
        tags: options.tag ?? [],
        ...(minutes !== undefined ? { minutesPerDay: minutes } : {}),
        ...(target !== undefined ? { targetRecall: target } : {}),
        ...(buffer !== undefined ? { bufferDays: buffer } : {}),
      });
      print(plan, () => `Added “${plan.name}” on ${new Date(plan.at).toISOString()}: ${plan.minutesPerDay} minutes a day, target recall ${Math.round(plan.targetRecall * 100)}%.`);
      return;
    }
    case 'readiness': {
      const readiness = await service.readiness({
        ...(options.plan !== undefined ? { planId: service.planner.planByName(options.plan).id } : {}),
        ...(options.date !== undefined ? { at: options.date } : {}),
      });
      print(readiness, () => formatReadiness(readiness));
      return;
    }
    case 'simulate': {
      const days = wholeNumber(options.days, '--days');
      if (days === 0) throw new PlanningUsageError('--days: give at least 1');
      const simulation = await service.simulate({
        ...(options.plan !== undefined ? { planId: service.planner.planByName(options.plan).id } : { presetId: await presetId(service, options.preset) }),
        ...(days ? { days } : {}),
      });
      print(simulation, () => formatSimulation(simulation));
      return;
    }
  }
}

function formatReadiness(r: Readiness): string {
  const band = `±${Math.round(r.band.halfWidth * 100)}`;
  const row = (f: Readiness['overall']) => `${f.title.padEnd(44).slice(0, 44)} ${String(f.cards).padStart(5)}  ${pct(f.stopNow).padStart(6)}  ${pct(f.withPlan).padStart(6)}`;
  return [
    `${r.planName ? `${r.planName}, ` : ''}${r.date}: recall if you stop now ${pct(r.overall.stopNow)}, with the plan ${pct(r.overall.withPlan)} (${band} points)`,
    `${''.padEnd(44)} cards    now    plan`,
    ...r.rounds.map(row),
    '',
    ...r.topics.slice(0, 15).map(row),
    r.topics.length > 15 ? `… ${r.topics.length - 15} more topics (--json lists all)` : '',
    `Not started: ${r.notStarted} cards. ${r.band.reason}`,
    ...(r.today ? ['', `Today: about ${r.today.minutes} of ${r.today.minutesPerDay} minutes.`, ...r.today.explanations] : []),
  ]
    .filter((line) => line !== '')
    .join('\n');
}

function formatSimulation(s: Simulation): string {
  return [
    `${s.cards} cards over ${s.days} days (your answer times and ratings; seed ${s.seed}):`,
    'retention  reviews/day  minutes/day  recall at end',
    ...s.options.map((o) => `${o.desiredRetention.toFixed(2).padStart(9)}${o.desiredRetention === s.current ? '*' : ' '} ${o.reviewsPerDay.toFixed(0).padStart(11)}  ${o.minutesPerDay.toFixed(0).padStart(11)}  ${pct(o.recallAtEnd).padStart(13)}`),
    '* your current retention',
  ].join('\n');
}

export function formatCalibration(c: Calibration): string {
  if (c.reviews === 0) return 'Calibration: no reviews a day or more after the one before yet.';
  return [
    `Calibration on ${c.reviews} reviews: predicted vs observed recall (error ${pct(c.calibrationError)}, RMSE ${pct(c.rmseBins)})`,
    ...c.bins.map((b) => `  ${pct(b.from).padStart(6)}–${pct(b.to).padEnd(6)} predicted ${pct(b.predicted).padStart(6)}  observed ${pct(b.observed).padStart(6)}  (${b.reviews})`),
  ].join('\n');
}
