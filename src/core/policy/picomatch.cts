// picomatch, loaded when a glob is first compiled: a hook whose policy came from the cache with its globs compiled
// (branch-pattern.ts) never loads it. CommonJS, because an ES module's imports load with it, and a require() does
// not: esbuild bundles this one in place, so it stays lazy in dist/ too.
import type Picomatch from 'picomatch';

export const loadPicomatch = (): typeof Picomatch => require('picomatch');
