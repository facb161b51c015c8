import type { ActorReport, ActorReportInput } from './actor-report';

/** Collects what an actor learns along the way (references, failed observations) and builds its report. */
export class ActorReportBuilder {
  private readonly references = new Set<string>();
  private readonly failedObservations: string[] = [];

  addReferences(references: Iterable<string>): void {
    for (const reference of references) this.references.add(reference);
  }

  addFailure(observation: string): void {
    this.failedObservations.push(observation);
  }

  lastFailure(): string | undefined {
    return this.failedObservations.at(-1);
  }

  report(
    status: ActorReport['status'],
    summary: string,
    steps: number,
    stopReason?: ActorReport['stopReason'],
  ): ActorReport {
    const report: ActorReport = {
      status,
      summary,
      references: [...this.references],
      steps,
      failedObservations: [...this.failedObservations],
    };
    if (stopReason) report.stopReason = stopReason;
    return report;
  }

  /** The model's own report (finish call or JSON answer): its references first, then those the tools found. */
  fromModel(input: ActorReportInput, steps: number): ActorReport {
    const report = this.report(input.status, input.summary, steps);
    report.references = [...new Set([...input.references, ...this.references])];
    return report;
  }
}
