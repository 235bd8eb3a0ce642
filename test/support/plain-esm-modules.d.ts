// The plain ESM helpers the tests share with the scripts (scripts/lib, load-tests) carry no types:
// the type check of the tests takes them as they are.
declare module '*.mjs';
