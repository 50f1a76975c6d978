import type { TargetProfile } from '../../../electron/shared/contract';

/**
 * The product as a sentence names it. Custom is not a product's name: "the app your product will
 * use", never "the app Custom will use". (Custom is the one profile whose scopes the admin picks.)
 */
export function productNoun(target: TargetProfile): string {
  return target.scopes.editable ? 'your product' : target.name;
}

/** `productNoun` at the start of a sentence. */
export function productNounAtStart(target: TargetProfile): string {
  const noun = productNoun(target);
  return noun.charAt(0).toUpperCase() + noun.slice(1);
}
