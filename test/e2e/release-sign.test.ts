import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeRepo, run, tempDir, type Repo } from '../helpers/repo.js';

const test = suite('signed releases');

/** A throwaway GnuPG home with one ed25519 signing key; returns its env and key id. */
async function gpgHome(passphrase: string): Promise<{ env: Record<string, string>; key: string }> {
  const env = { GNUPGHOME: tempDir('gnupg') };
  const cwd = env.GNUPGHOME;
  const gen = await run(
    'gpg',
    [
      '--batch',
      '--pinentry-mode',
      'loopback',
      '--passphrase',
      passphrase,
      '--quick-gen-key',
      'Test <test@example.com>',
      'ed25519',
      'sign',
      'never',
    ],
    { cwd, env },
  );
  if (gen.code !== 0) throw new Error(gen.stderr);
  const list = await run('gpg', ['--batch', '--with-colons', '--list-secret-keys'], { cwd, env });
  return { env, key: /^fpr:+([0-9A-F]+):/m.exec(list.stdout)![1] };
}

async function releasable(env: Record<string, string>, key: string): Promise<Repo> {
  const repo = await makeRepo();
  Object.assign(repo.env, env);
  await repo.git('config', 'user.signingKey', key);
  repo.write('trunk.config.json', JSON.stringify({ release: { onMerge: 'off', sign: true } }));
  await repo.git('commit', '-qam', 'chore: sign releases', '--no-verify');
  assert.is((await repo.mergeFeature('feature/a', 'feat: a')).code, 0);
  return repo;
}

test('release.sign signs the tag with the configured key', async () => {
  const { env, key } = await gpgHome('');
  const repo = await releasable(env, key);
  const r = await repo.trunk(['release']);
  assert.is(r.code, 0, r.stderr);
  const verify = await repo.gitResult('tag', '-v', 'v1.0.0');
  assert.is(verify.code, 0, verify.stderr);
  assert.match(verify.stderr, 'Good signature');
  await run('gpgconf', ['--kill', 'gpg-agent'], { cwd: env.GNUPGHOME, env });
});

test('a key that needs a passphrase, without a terminal: fails at once with a fix, and nothing is left behind', async () => {
  const { env, key } = await gpgHome('secret');
  const repo = await releasable(env, key);
  const head = await repo.sha();
  const started = Date.now();
  const r = await repo.trunk(['release']);
  assert.ok(Date.now() - started < 30_000, 'did not wait for a passphrase');
  assert.is(r.code, 2);
  assert.match(r.stderr, 'signing the release tag v1.0.0 failed');
  assert.match(r.stderr, 'git config tag.gpgSign false');
  assert.is(await repo.sha(), head);
  assert.is(await repo.git('tag', '--list'), '');
  assert.is(await repo.git('status', '--porcelain'), '');
  await run('gpgconf', ['--kill', 'gpg-agent'], { cwd: env.GNUPGHOME, env });
});

// gpg comes with git on most systems; where it is missing there is nothing to sign with.
if ((await run('gpg', ['--version'], { cwd: tempDir('gpg') })).code === 0) test.run();
else console.log('signed releases: gpg is not installed, suite skipped');
