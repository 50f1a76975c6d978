import type { TargetProfile } from '../../../electron/shared/contract';

/**
 * The product as a sentence names it: core's `noun` where the name is not a product's ("the app
 * your product will use", never "the app Custom will use").
 */
export function productNoun(target: TargetProfile): string {
  return target.noun ?? target.name;
}

/** `productNoun` at the start of a sentence. */
export function productNounAtStart(target: TargetProfile): string {
  const noun = productNoun(target);
  return noun.charAt(0).toUpperCase() + noun.slice(1);
}
