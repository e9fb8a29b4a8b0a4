import { attuneIndexSchema } from './attune-index-schema.js';

/**
 * The index schema of a local development registry (the specification's "local filesystem
 * registry"): the Attune schema with every `^https://` URL pattern widened to admit file:///
 * URLs too. Only ever used for an index whose `registry_url` is itself a file:// URL.
 */
export const localIndexSchema: typeof attuneIndexSchema = JSON.parse(
  JSON.stringify(attuneIndexSchema).replaceAll('"pattern":"^https://"', '"pattern":"^(https://|file:///)"'),
) as typeof attuneIndexSchema;
