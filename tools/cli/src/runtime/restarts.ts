// The runtime's supervisor: restarts what crashes (as systemd or Kubernetes would), PostgreSQL and the
// broker too. A crash loses nothing that was committed (PostgreSQL recovers from its WAL, the broker from
// its store), and the services reconnect and resume from their database and the broker. Restarts back off
// (0.5 s, 1 s, 2 s, ...) and draw on a budget per process; a process that crashes too often stops the
// whole shop, in order, rather than leaving it half alive. While PostgreSQL or the broker is being
// restarted, services that crashed with it wait for it rather than use up their restarts failing to connect.
import pc from 'picocolors';
import { RestartBudget } from './restart-budget.js';
import type { ManagedProcess } from './supervisor.js';

export interface RestartPolicy {
  /** Restarts allowed per process within `windowMs`. */
  max: number;
  windowMs: number;
  /** The first back-off; each further restart within the window waits twice as long. */
  delayMs: number;
}

export interface RestartHooks {
  /** Starts the process again in place of `old`; undefined when it is no longer wanted. */
  relaunch(old: ManagedProcess): Promise<ManagedProcess | undefined>;
  /** The runtime's own PostgreSQL and broker, which the services wait for. */
  isInfrastructure(name: string): boolean;
  /** How the process is named in messages (where its data lives, for infrastructure). */
  describe(name: string): string;
  /** True once the runtime is shutting down: nothing is restarted then. */
  stopping(): boolean;
  /** A restart succeeded (the runtime saves its state and says so). */
  restarted(name: string, seconds: number): Promise<void>;
  /** A process used up its budget: the runtime stops. */
  giveUp(name: string): void;
}

export class Restarts {
  private readonly budget: RestartBudget;
  private readonly infraRestarts = new Set<Promise<void>>();

  constructor(
    private readonly policy: RestartPolicy,
    private readonly hooks: RestartHooks,
    /** Where the supervisor's lines go (the terminal; tests keep them). */
    private readonly say: (line: string) => void = (line) => console.error(line),
  ) {
    this.budget = new RestartBudget(policy.max, policy.windowMs);
  }

  /** Restarts `proc` whenever it exits while the runtime is not stopping. */
  watch(proc: ManagedProcess): void {
    void proc.exited.then(async (code) => {
      if (this.hooks.stopping()) return;
      const signal = proc.child.signalCode ? ` (${proc.child.signalCode})` : '';
      this.say(pc.red(`✖ ${this.hooks.describe(proc.name)} exited unexpectedly with code ${code}${signal}`));
      let back: () => void = () => {};
      if (this.hooks.isInfrastructure(proc.name)) {
        const restarted = new Promise<void>((resolve) => {
          back = resolve;
        });
        this.infraRestarts.add(restarted);
        void restarted.then(() => this.infraRestarts.delete(restarted));
      }
      try {
        await this.restartUntilUp(proc);
      } finally {
        back();
      }
    });
  }

  private async restartUntilUp(proc: ManagedProcess): Promise<void> {
    const { name } = proc;
    const current = proc;
    for (;;) {
      if (!this.budget.take(name)) {
        this.say(
          pc.red(
            `✖ ${name} crashed ${this.budget.used(name)} times within a minute; giving up on it and stopping the shop`,
          ),
        );
        this.hooks.giveUp(name);
        return;
      }
      const started = performance.now();
      const used = this.budget.used(name);
      this.say(
        pc.yellow(`▸ restarting ${this.hooks.describe(name)} (restart ${used} of ${this.policy.max} this minute)`),
      );
      await new Promise((r) => setTimeout(r, this.policy.delayMs * 2 ** (used - 1)));
      if (this.hooks.stopping()) return;
      try {
        if (!this.hooks.isInfrastructure(name)) await Promise.all([...this.infraRestarts]);
        if (this.hooks.stopping()) return;
        const fresh = await this.hooks.relaunch(current);
        if (this.hooks.stopping() || !fresh) return;
        this.watch(fresh);
        await this.hooks.restarted(name, (performance.now() - started) / 1000);
        return;
      } catch (error) {
        this.say(pc.red(`✖ restarting ${name} failed: ${(error as Error).message}`));
      }
    }
  }
}
