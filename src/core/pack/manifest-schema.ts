/**
 * JSON Schema (draft-07, for ajv) of an Attune pack.yaml, kept as pure data.
 *
 * Conventions the message builder relies on (see schema-messages.ts):
 * - `description` says in a few words what to write, so it can follow "use" or "write".
 * - `examples[0]` is a value that is valid here, quoted in "what to write instead" advice.
 * - `format: "semver"` is registered by the validator (strict: "1.0" and "v1.0.0" fail).
 *
 * Unknown top-level keys are allowed on purpose: real manifests carry many more
 * (contributors, stackstorm_version, python_versions, system, conf_schema, ...).
 * `ref` and `label` are required here but the validator fills them from `name`
 * first (see manifest-fallbacks.ts), so older StackStorm-style packs still load.
 */
export const packManifestSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://packreg.dev/schemas/pack-manifest.json',
  title: 'Attune pack.yaml',
  type: 'object',
  required: ['ref', 'version', 'label', 'description'],
  properties: {
    ref: {
      type: 'string',
      pattern: '^[a-z][a-z0-9_-]*$',
      description: "lower-case letters, digits, '_' and '-', starting with a letter",
      examples: ['my_pack'],
    },
    version: {
      type: 'string',
      format: 'semver',
      description: 'a semantic version MAJOR.MINOR.PATCH',
      examples: ['1.0.0'],
    },
    label: { type: 'string', minLength: 1, description: 'a short display name', examples: ['My Pack'] },
    description: {
      type: 'string',
      minLength: 1,
      description: 'one sentence on what the pack automates',
      examples: ['Manage widgets through the Widget API'],
    },
    name: { description: 'legacy StackStorm name, used for ref and label when they are missing' },
    author: { type: 'string', description: 'the person or team that maintains the pack', examples: ['Example Team'] },
    email: { type: 'string', examples: ['team@example.com'] },
    license: { type: 'string', description: 'an SPDX license identifier', examples: ['Apache-2.0'] },
    homepage: { type: 'string', examples: ['https://example.com/my_pack'] },
    repository: { type: 'string', examples: ['https://github.com/example/my_pack'] },
    use_case: { type: 'string', examples: ['Open tickets when monitoring alerts fire'] },
    runtime_deps: {
      type: 'array',
      items: { type: 'string', examples: ['python3'] },
      description: 'a list of runtimes',
      examples: [['python3']],
    },
    keywords: {
      type: 'array',
      items: { type: ['string', 'number'], examples: ['monitoring'] },
      description: 'a list of words',
      examples: [['monitoring', 'alerts']],
    },
    tags: {
      type: 'array',
      items: { type: ['string', 'number'], examples: ['monitoring'] },
      description: 'a list of words',
      examples: [['monitoring', 'alerts']],
    },
    meta: { type: 'object', examples: [{ category: 'integration' }] },
    dependencies: {
      // One schema for both forms: `items` applies only to a list, `properties` only to a
      // mapping, so a wrong value gets one clear message instead of a oneOf error cascade.
      type: ['array', 'object'],
      description: 'a list of pack refs, or a mapping with attune_version, python_version, nodejs_version and packs',
      examples: [['core@^1.0.0']],
      items: { type: 'string', minLength: 1, description: 'a pack ref, optionally with a version range', examples: ['core@^1.0.0'] },
      properties: {
        attune_version: { type: 'string', examples: ['>=1.0.0'] },
        python_version: { type: 'string', examples: ['>=3.10'] },
        nodejs_version: { type: 'string', examples: ['>=20'] },
        packs: {
          type: 'array',
          items: { type: 'string', minLength: 1, description: 'a pack ref, optionally with a version range', examples: ['core@^1.0.0'] },
          examples: [['core@^1.0.0']],
        },
      },
    },
    testing: {
      type: 'object',
      examples: [{ enabled: true, runners: { shell: { type: 'script', entry_point: 'tests/run_tests.sh', timeout: 60 } } }],
      properties: {
        enabled: { type: 'boolean', examples: [true] },
        discovery: {
          type: 'object',
          required: ['method', 'path'],
          examples: [{ method: 'directory', path: 'tests' }],
          properties: {
            method: { type: 'string', examples: ['directory'] },
            path: { type: 'string', examples: ['tests'] },
          },
        },
        runners: {
          type: 'object',
          description: 'a mapping from runner name to runner',
          examples: [{ shell: { type: 'script', entry_point: 'tests/run_tests.sh', timeout: 60 } }],
          additionalProperties: {
            type: 'object',
            required: ['type', 'entry_point', 'timeout'],
            examples: [{ type: 'script', entry_point: 'tests/run_tests.sh', timeout: 60 }],
            properties: {
              type: { enum: ['script', 'unittest', 'pytest'], examples: ['script'] },
              entry_point: {
                type: 'string',
                minLength: 1,
                description: 'the test file or directory, relative to the pack root',
                examples: ['tests/run_tests.sh'],
              },
              timeout: {
                type: 'integer',
                exclusiveMinimum: 0,
                description: 'a whole number of seconds',
                examples: [60],
              },
              result_format: { enum: ['simple'], examples: ['simple'] },
            },
          },
        },
        min_pass_rate: {
          type: 'number',
          minimum: 0,
          maximum: 1,
          description: 'the share of tests that must pass',
          examples: [1.0],
        },
        on_failure: { enum: ['block', 'warn'], examples: ['block'] },
      },
    },
  },
} as const;

/** Name under which the strict semantic-version format is registered with ajv. */
export const SEMVER_FORMAT = 'semver';
