/**
 * Whether to retrain: the data drifted or the deployed version is older than allowed, and there
 * are enough new rows to learn from. The reason is one line a person can act on.
 */
export interface RetrainInputs {
  drift: boolean;
  driftedColumns: readonly string[];
  currentRows: number;
  minNewRows: number;
  /** when the reference version was registered; absent for a reference profile file */
  referenceCreatedAt?: Date;
  maxAgeDays?: number;
  now: Date;
}

export interface RetrainDecision {
  shouldRetrain: boolean;
  reason: string;
}

const DAY_MS = 86_400_000;

export function decideRetrain(inputs: RetrainInputs): RetrainDecision {
  const causes: string[] = [];
  if (inputs.drift)
    causes.push(`drift in ${inputs.driftedColumns.length} column(s): ${inputs.driftedColumns.join(", ")}`);
  if (inputs.maxAgeDays !== undefined && inputs.referenceCreatedAt) {
    const ageDays = (inputs.now.getTime() - inputs.referenceCreatedAt.getTime()) / DAY_MS;
    if (ageDays > inputs.maxAgeDays)
      causes.push(`the version is ${Math.floor(ageDays)} days old (max ${inputs.maxAgeDays})`);
  }
  if (causes.length === 0) return { shouldRetrain: false, reason: "no drift, and the version is not too old" };
  if (inputs.currentRows < inputs.minNewRows) {
    return {
      shouldRetrain: false,
      reason: `${causes.join("; ")} — but only ${inputs.currentRows} new rows (min-new-rows ${inputs.minNewRows})`,
    };
  }
  return { shouldRetrain: true, reason: causes.join("; ") };
}
