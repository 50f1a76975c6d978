/**
 * Attributes for fields that take a value copied from Dropbox (App key, App secret, code): no
 * browser autofill offering an old secret, no spell checker or capitaliser changing a character.
 */
export const PASTED_VALUE_INPUT = {
  autoComplete: 'off',
  spellCheck: false,
  autoCapitalize: 'off',
} as const;
