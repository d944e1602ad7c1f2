// The forge's side of the policy, filled in from templates/ci (data): the CI files, the GitHub rulesets and the
// GitLab protected tag names. `trunk-init --ci` writes them; `trunk doctor --forge` compares the live rulesets.
import { readFileSync } from 'node:fs';

/**
 * The tag names Argo CD and Flux would read as versions (a digit, optionally after v or V), and the configured
 * release prefix: whoever may create these chooses what a version range deploys.
 */
function versionTagPrefixes(tagPrefix: string): string[] {
  return ['v', 'V', '', ...(['', 'v', 'V'].includes(tagPrefix) ? [] : [tagPrefix])];
}

/** GitHub ruleset patterns (fnmatch) for those tags: refs/tags/v[0-9]*, ... */
const githubTagPatterns = (tagPrefix: string) => versionTagPrefixes(tagPrefix).map((p) => `refs/tags/${p}[0-9]*`);

/** GitLab protected tag names for them, shell-quoted: its wildcards know only `*`, so a digit is spelled 0* ... 9*. */
const gitlabTagPatterns = (tagPrefix: string) => versionTagPrefixes(tagPrefix).flatMap((p) => (p ? [`'${p}*'`] : [...'0123456789'].map((d) => `'${d}*'`)));

/** templates/ci/<path> for this trunk and release prefix. */
export function ciTemplate(path: string, trunk: string, tagPrefix: string): string {
  return readFileSync(new URL(`../templates/ci/${path}`, import.meta.url), 'utf8')
    .replaceAll('__TRUNK__', trunk)
    .replaceAll('__VERSION_TAG_PATTERNS__', JSON.stringify(githubTagPatterns(tagPrefix)))
    .replaceAll('__GITLAB_TAG_PATTERNS__', gitlabTagPatterns(tagPrefix).join(' '));
}

/** The GitHub rulesets trunk-init writes: where, and their text. */
export const githubRulesets = (trunk: string, tagPrefix: string): { path: string; text: string }[] =>
  [['trunk.json', 'ruleset-trunk.json'], ['release-tags.json', 'ruleset-release-tags.json']].map(([file, template]) => ({
    path: `.github/rulesets/${file}`,
    text: ciTemplate(`github/${template}`, trunk, tagPrefix),
  }));
