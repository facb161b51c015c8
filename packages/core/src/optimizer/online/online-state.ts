import { bestCandidate } from './best-candidate';
import { type CandidateStatus, legacyCandidateId, newCandidate, type OnlineCandidate } from './online-candidate';
import type { ObservedOutcome, TimelinePoint, WindowEntry } from './online-outcome';
import { type Trial, type TrialDecision, trialMean } from './online-trial';
import { trimFront } from './trim-front';

interface ComponentState {
  currentId: string;
  epoch: number;
  window: WindowEntry[];
  outcomesSinceProposal: number;
}

export interface OnlineStateSettings {
  windowSize: number;
  metric: (scores: readonly number[]) => number;
  /** Built-in prompt per component (candidate `<component>-default`). */
  defaults: Record<string, string>;
  /** Components evolved, in round-robin order. */
  components: readonly string[];
}

/** Timeline points kept for the dashboard (the oldest are dropped). */
const MAX_TIMELINE_POINTS = 1000;

/**
 * Online GEPA's bookkeeping, with no I/O: rolling windows, candidates with scores and lineage, the
 * trial in progress and the current prompt per component. Replaying the trace file through the
 * same transitions rebuilds exactly the state the writing process had.
 */
export class OnlineState {
  readonly candidates = new Map<string, OnlineCandidate>();
  readonly timeline: TimelinePoint[] = [];
  trial: Trial | undefined;
  private readonly settings: OnlineStateSettings;
  private readonly components = new Map<string, ComponentState>();
  private nextOrder = 0;
  private turn = 0;

  constructor(settings: OnlineStateSettings) {
    this.settings = settings;
    for (const [component, prompt] of Object.entries(settings.defaults)) this.componentState(component, prompt);
  }

  static defaultId(component: string): string {
    return `${component}-default`;
  }

  current(component: string): OnlineCandidate | undefined {
    const state = this.components.get(component);
    return state ? this.candidates.get(state.currentId) : undefined;
  }

  /** The current candidate's id and text (the default id and no text for an unknown component). */
  currentPrompt(component: string): { candidateId: string; text: string } {
    const candidate = this.current(component);
    return { candidateId: candidate?.id ?? OnlineState.defaultId(component), text: candidate?.prompt ?? '' };
  }

  window(component: string): readonly WindowEntry[] {
    return this.components.get(component)?.window ?? [];
  }

  composite(component: string): number | undefined {
    const window = this.window(component);
    return window.length > 0 ? this.settings.metric(window.map((entry) => entry.score)) : undefined;
  }

  outcomesSinceProposal(component: string): number {
    return this.components.get(component)?.outcomesSinceProposal ?? 0;
  }

  /** The component whose turn it is to be mutated (round-robin over the evolved components). */
  componentToMutate(): string | undefined {
    const { components } = this.settings;
    return components.length > 0 ? components[this.turn % components.length] : undefined;
  }

  /** Records an outcome: candidate stats, rolling window, trial progress, timeline. Returns the composite. */
  observe(outcome: ObservedOutcome): { candidate: OnlineCandidate; composite: number } {
    const state = this.componentState(outcome.component);
    const candidate = this.candidateFor(outcome);
    candidate.uses += 1;
    candidate.scoreSum += outcome.score;
    candidate.recentScores.push(outcome.score);
    trimFront(candidate.recentScores, this.settings.windowSize);
    state.window.push({ ...outcome, candidateId: candidate.id });
    trimFront(state.window, this.settings.windowSize);
    state.outcomesSinceProposal += 1;
    if (this.trial?.candidateId === candidate.id) this.trial.scores.push(outcome.score);
    const composite = this.settings.metric(state.window.map((entry) => entry.score));
    this.timeline.push({
      ts: outcome.ts,
      score: outcome.score,
      composite,
      component: outcome.component,
      candidateId: candidate.id,
      runId: outcome.runId,
    });
    trimFront(this.timeline, MAX_TIMELINE_POINTS);
    return { candidate, composite };
  }

  /** A reflective mutation: the new candidate becomes current and is measured over the next window. */
  propose(
    component: string,
    proposal: { id: string; prompt: string; parentId: string; parentScore: number; ts: number },
  ): OnlineCandidate {
    const state = this.componentState(component);
    const candidate = this.upsert(component, proposal.id, proposal.prompt, proposal.parentId, 'trial', proposal.ts);
    state.currentId = candidate.id;
    this.trial = {
      component,
      candidateId: candidate.id,
      parentId: proposal.parentId,
      parentScore: proposal.parentScore,
      scores: [],
    };
    this.resetProposalCounters();
    const index = this.settings.components.indexOf(component);
    if (index >= 0) this.turn = index + 1;
    return candidate;
  }

  /** Another reflection may wait `min_traces_before_reflection` outcomes after a failed proposal too. */
  resetProposalCounters(): void {
    for (const state of this.components.values()) state.outcomesSinceProposal = 0;
  }

  trialDue(): boolean {
    return this.trial !== undefined && this.trial.scores.length >= this.settings.windowSize;
  }

  /** Ends the trial: kept when its window mean ≥ the parent's score, otherwise the best candidate is restored. */
  decideTrial(): TrialDecision | undefined {
    const trial = this.trial;
    if (!trial) return undefined;
    const candidate = this.candidates.get(trial.candidateId);
    if (!candidate) return undefined;
    this.trial = undefined;
    const mean = trialMean(trial);
    const state = this.componentState(trial.component);
    if (mean >= trial.parentScore) {
      candidate.status = 'accepted';
      state.currentId = candidate.id;
      return { decision: 'accepted', candidate, mean, parentScore: trial.parentScore };
    }
    candidate.status = 'rejected';
    const restored = this.best(trial.component);
    state.currentId = restored.id;
    return { decision: 'rejected', candidate, mean, parentScore: trial.parentScore, restored };
  }

  /** Replays a decision record. */
  applyDecision(decision: {
    decision: 'accepted' | 'rejected' | 'restored' | 'applied';
    component: string;
    candidateId: string;
    parentId: string | null;
    prompt: string;
    ts: number;
  }): void {
    const state = this.componentState(decision.component);
    if (decision.decision === 'applied') {
      state.epoch += 1;
      const candidate = this.upsert(
        decision.component,
        decision.candidateId,
        decision.prompt,
        decision.parentId,
        'applied',
        decision.ts,
      );
      candidate.status = 'applied';
      candidate.epoch = state.epoch;
      state.currentId = candidate.id;
      if (this.trial?.component === decision.component) this.trial = undefined;
      return;
    }
    const candidate = this.upsert(
      decision.component,
      decision.candidateId,
      decision.prompt,
      decision.parentId,
      'observed',
      decision.ts,
    );
    if (decision.decision === 'restored') {
      state.currentId = candidate.id;
      return;
    }
    candidate.status = decision.decision;
    if (this.trial?.candidateId === candidate.id) this.trial = undefined;
    // A `restored` record follows a rejection; until then the best candidate is current.
    state.currentId = decision.decision === 'accepted' ? candidate.id : this.best(decision.component).id;
  }

  /** A Python reference `new_prompt`: adopted as current, starting a new epoch (latest wins). */
  adoptLegacy(component: string, prompt: string, ts: number): OnlineCandidate {
    const state = this.componentState(component);
    state.epoch += 1;
    const candidate = this.upsert(component, legacyCandidateId(prompt), prompt, state.currentId, 'legacy', ts);
    candidate.status = 'legacy';
    candidate.epoch = state.epoch;
    state.currentId = candidate.id;
    return candidate;
  }

  /**
   * The best candidate of a component: among the eligible ones of its current epoch, the highest
   * mean over their last window (ties → the newer); unscored ones only when none has a score.
   */
  best(component: string): OnlineCandidate {
    const state = this.componentState(component);
    return (
      bestCandidate(this.candidates.values(), component, state.epoch) ??
      this.candidates.get(state.currentId) ??
      this.defaultCandidate(component)
    );
  }

  private candidateFor(outcome: ObservedOutcome): OnlineCandidate {
    const state = this.componentState(outcome.component);
    let id = outcome.candidateId;
    if (id === undefined) {
      const current = this.candidates.get(state.currentId);
      id = current?.prompt === outcome.prompt ? current.id : legacyCandidateId(outcome.prompt);
    }
    return this.upsert(outcome.component, id, outcome.prompt, outcome.parentId ?? null, 'observed', outcome.ts);
  }

  private upsert(
    component: string,
    id: string,
    prompt: string,
    parentId: string | null,
    status: CandidateStatus,
    ts: number,
  ): OnlineCandidate {
    const existing = this.candidates.get(id);
    if (existing) {
      if (status === 'trial') existing.status = 'trial';
      return existing;
    }
    const epoch = this.componentState(component).epoch;
    const candidate = newCandidate({
      id,
      component,
      parentId,
      prompt,
      status,
      epoch,
      order: this.nextOrder++,
      createdAt: ts,
    });
    this.candidates.set(id, candidate);
    return candidate;
  }

  private defaultCandidate(component: string): OnlineCandidate {
    return this.upsert(component, OnlineState.defaultId(component), '', null, 'default', 0);
  }

  private componentState(component: string, defaultPrompt?: string): ComponentState {
    let state = this.components.get(component);
    if (!state) {
      const id = OnlineState.defaultId(component);
      state = { currentId: id, epoch: 0, window: [], outcomesSinceProposal: 0 };
      this.components.set(component, state);
      if (!this.candidates.has(id)) {
        const prompt = defaultPrompt ?? this.settings.defaults[component] ?? '';
        this.candidates.set(
          id,
          newCandidate({
            id,
            component,
            parentId: null,
            prompt,
            status: 'default',
            epoch: 0,
            order: this.nextOrder++,
            createdAt: 0,
          }),
        );
      }
    }
    return state;
  }
}
