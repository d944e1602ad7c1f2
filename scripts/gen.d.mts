/** Each file under src/generated/ (path from the project root) and its text, for the schema as it is now. */
export function generated(): Map<string, string>;
