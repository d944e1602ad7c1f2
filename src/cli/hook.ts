// What the hooks' shims run (hooks/lib.sh): the trunk bin, with the hooks' compile cache (code-cache.ts) in place
// before any file of it loads. A preload (node -r) would do as much, but node resolves a preload through the
// package.json of the directory it runs in, and fails there before any check when that file is broken.
import './code-cache.js';

void import('./trunk.js');
