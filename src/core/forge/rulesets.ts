// Whether a repository's live GitHub rulesets hold what a generated one requires. Pure: rulesets in, gaps out.
// A live ruleset holds a rule for a ref when it is active, targets that kind of ref, includes the very pattern (or
// ~ALL) without excluding it, has the rule (a required check with the same app), and lets no one else bypass it.

export interface Ruleset {
  name: string;
  target?: string;
  enforcement?: string;
  conditions?: { ref_name?: { include?: string[]; exclude?: string[] } };
  /** Absent when the token may not see who can bypass (it needs administration read access). */
  bypass_actors?: BypassActor[];
  rules?: Rule[];
}

interface BypassActor {
  actor_id: number | null;
  actor_type: string;
}

interface Rule {
  type: string;
  parameters?: { required_status_checks?: StatusCheck[] };
}

interface StatusCheck {
  context: string;
  integration_id?: number;
}

const actorName = (a: BypassActor) => `${a.actor_type} ${a.actor_id ?? ''}`.trim();

function includes(ruleset: Ruleset, pattern: string): boolean {
  const { include = [], exclude = [] } = ruleset.conditions?.ref_name ?? {};
  return (
    (include.includes(pattern) || include.includes('~ALL')) && !exclude.includes(pattern) && !exclude.includes('~ALL')
  );
}

/** The live rule has every required check the expected one has, each from the same app when it names one. */
function holdsRule(live: Ruleset, rule: Rule): boolean {
  return (live.rules ?? []).some(
    (r) =>
      r.type === rule.type &&
      (rule.parameters?.required_status_checks ?? []).every((want) =>
        (r.parameters?.required_status_checks ?? []).some(
          (have) =>
            have.context === want.context &&
            (want.integration_id === undefined || have.integration_id === want.integration_id),
        ),
      ),
  );
}

/** Who may bypass `live` beyond those `expected` allows; null when the token cannot see it. */
function extraBypass(live: Ruleset, expected: Ruleset): string[] | null {
  if (!live.bypass_actors) return null;
  const allowed = new Set((expected.bypass_actors ?? []).map(actorName));
  return live.bypass_actors.map(actorName).filter((a) => !allowed.has(a));
}

/** One sentence per gap between `expected` and the `live` rulesets; none when they hold it. */
export function rulesetGaps(expected: Ruleset, live: readonly Ruleset[]): string[] {
  const active = live.filter((l) => l.enforcement === 'active' && l.target === expected.target);
  const missing: string[] = [];
  const bypassed: string[] = [];
  const unseen: string[] = [];
  for (const rule of expected.rules ?? [])
    for (const pattern of expected.conditions?.ref_name?.include ?? []) {
      const holders = active.filter((l) => includes(l, pattern) && holdsRule(l, rule));
      const what = `${rule.type} on ${pattern}`;
      if (holders.length === 0) missing.push(what);
      else if (holders.some((l) => extraBypass(l, expected)?.length === 0)) continue;
      else if (holders.every((l) => extraBypass(l, expected) === null)) unseen.push(what);
      else
        bypassed.push(
          `${what} (${[...new Set(holders.flatMap((l) => extraBypass(l, expected) ?? []))].join(', ')} may bypass it)`,
        );
    }
  return [
    ...(missing.length ? [`no active ruleset holds ${missing.join(', ')}`] : []),
    ...(bypassed.length ? [`others may bypass ${bypassed.join('; ')}`] : []),
    ...(unseen.length ? [`this token cannot see who may bypass ${unseen.join(', ')}`] : []),
  ];
}
