// Injected into the bundle by build.mjs for import.meta.url, which CommonJS lacks: the URL of the running file, made
// when a dependency reads it (pathToFileURL costs a process 0.4 ms, and trunk's own code reads paths instead).
export const __trunkFile = {
  get url() {
    return require('node:url').pathToFileURL(__filename).href;
  },
};
