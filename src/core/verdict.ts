// What a policy check decides: allowed, refused with reasons and fixes, or allowed with warnings.

export interface Refusal {
  rule: string;
  reason: string;
  fix: string[];
  /** One line per offending item (commit, tag), printed under the reason. */
  details?: string[];
}

export interface Warning {
  rule: string;
  message: string;
}

export type Finding =
  { kind: 'allow'; rule: string; reason: string } | ({ kind: 'refuse' } & Refusal) | ({ kind: 'warn' } & Warning);

export interface Verdict {
  refusals: Refusal[];
  warnings: Warning[];
  /** Set when an allow rule ended the check early. */
  allowedBy?: string;
}

export const allow = (rule: string, reason: string): Finding => ({ kind: 'allow', rule, reason });
export const refuse = (rule: string, reason: string, ...fix: string[]): Finding => ({
  kind: 'refuse',
  rule,
  reason,
  fix,
});
/** A refusal that lists the offending items (commits, tags), one line each. */
export const refuseEach = (rule: string, reason: string, details: string[], ...fix: string[]): Finding => ({
  kind: 'refuse',
  rule,
  reason,
  fix,
  details,
});
export const warn = (rule: string, message: string): Finding => ({ kind: 'warn', rule, message });

export type Rule<F, P> = (facts: F, policy: P) => Finding | null;

/** Runs an ordered rule table: an allow ends it, refusals and warnings accumulate. */
export function runRules<F, P>(rules: readonly Rule<F, P>[], facts: F, policy: P): Verdict {
  return collect(rules.map((rule) => () => rule(facts, policy)));
}

/** Folds findings (lazily produced, so an allow stops the rest) into a verdict. */
export function collect(findings: Iterable<() => Finding | null>): Verdict {
  const verdict: Verdict = { refusals: [], warnings: [] };
  for (const next of findings) {
    const finding = next();
    if (!finding) continue;
    if (finding.kind === 'allow') return { ...verdict, allowedBy: finding.reason };
    if (finding.kind === 'refuse')
      verdict.refusals.push({ rule: finding.rule, reason: finding.reason, fix: finding.fix, details: finding.details });
    else verdict.warnings.push({ rule: finding.rule, message: finding.message });
  }
  return verdict;
}

export const isRefused = (verdict: Verdict) => verdict.refusals.length > 0;
