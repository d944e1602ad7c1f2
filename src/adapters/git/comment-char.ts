// The comment character of a commit message by this repository's core.commentChar (core/commits/comment-char.ts).
import { commentCharOf } from '../../core/commits/comment-char.js';
import type { Repo } from './repo.js';

/** The character that starts a comment line of `message` here: the commit-msg hook and `trunk lint --message` agree. */
export const readCommentChar = (repo: Repo, message: string): string =>
  commentCharOf(repo.gitNow(['config', '--get', 'core.commentChar']).replace(/\n$/, ''), message);
