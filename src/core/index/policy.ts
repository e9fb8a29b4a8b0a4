/**
 * `standard`: the rules of the public Attune standard index (exactly one git source per
 * pack, pinned to a 40-character commit SHA). `custom`: the schema and the general index
 * rules only, for private registries.
 */
export const INDEX_POLICIES = ['standard', 'custom'] as const;
export type IndexPolicy = (typeof INDEX_POLICIES)[number];
