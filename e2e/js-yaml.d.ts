// js-yaml 4 ships no types; the contract test uses only `load` (docs/decisions/031).
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
