// Injected into the bundle by build.mjs for import.meta.url, which CommonJS lacks: the URL of the running file.
export const __trunkFileUrl = require('node:url').pathToFileURL(__filename).href;
