/** A step of the demo load, in the words the sign-in page shows. */
export const DEMO_STEPS = {
  accounts: "accounts and people",
  usage: "usage history",
  health: "health scores",
  churn: "churn models",
  finish: "finishing",
} as const;
export type DemoStep = keyof typeof DEMO_STEPS;

/** How far a demo load is: `done` of `total` units of work, in the step named by `step`. */
export type DemoProgress = { step: string; done: number; total: number };

/**
 * Each step's share of the load, from its measured time (so the bar moves evenly); a step reports
 * its own fraction as it goes.
 */
const WEIGHTS: Record<DemoStep, number> = { accounts: 7, usage: 50, health: 37, churn: 4, finish: 2 };
const TOTAL = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);

/** Turns "step s, fraction f of it" into the load's overall progress and tells the listener. */
export class DemoProgressMeter {
  private before = 0;
  private step: DemoStep = "accounts";

  constructor(private readonly listener?: (progress: DemoProgress) => void) {}

  start(step: DemoStep) {
    this.before = (Object.keys(WEIGHTS) as DemoStep[])
      .slice(0, Object.keys(WEIGHTS).indexOf(step))
      .reduce((sum, s) => sum + WEIGHTS[s], 0);
    this.step = step;
    this.within(0);
  }

  /** `fraction` (0 to 1) of the current step is done. */
  within(fraction: number) {
    const done = this.before + WEIGHTS[this.step] * Math.min(1, Math.max(0, fraction));
    this.listener?.({ step: DEMO_STEPS[this.step], done: Math.floor(done), total: TOTAL });
  }

  done() {
    this.listener?.({ step: DEMO_STEPS.finish, done: TOTAL, total: TOTAL });
  }
}
