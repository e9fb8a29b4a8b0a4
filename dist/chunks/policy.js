/**
 * `standard`: the rules of the public Attune standard index (exactly one git source per
 * pack, pinned to a 40-character commit SHA). `custom`: the schema and the general index
 * rules only, for private registries.
 */
const INDEX_POLICIES = ['standard', 'custom'];

export { INDEX_POLICIES as I };
