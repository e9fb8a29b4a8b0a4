import { expect } from '@jest/globals';
import { RegistryConfigError } from '../../src/core/registry/config.js';

/** The configuration example of the registry specification, with its indentation restored. */
export const SPEC_EXAMPLE = `# Attune service configuration
database:
  url: postgres://localhost/attune
pack_registry:
  enabled: true
  indices:
    - url: https://registry.attune.io/index.json
      priority: 1
      enabled: true
      name: "Official Attune Registry"
    - url: https://company-internal.example.com/attune-registry.json
      priority: 2
      enabled: true
      name: "Company Internal Registry"
      headers:
        Authorization: "Bearer \${REGISTRY_TOKEN}"
    - url: file:///opt/attune/local-registry.json
      priority: 3
      enabled: true
      name: "Local Filesystem Registry"
  # Cache settings
  cache_ttl: 3600 # Cache index for 1 hour
  cache_enabled: true
  # Download settings
  timeout: 120
  verify_checksums: true
  allow_http: false # Only allow HTTPS
`;

/** A config file's text: `body` indented under pack_registry. */
export function section(body: string): string {
  const indented = body
    .split('\n')
    .map((line) => (line === '' ? line : `  ${line}`))
    .join('\n');
  return `pack_registry:\n${indented}\n`;
}

/** The error `run` throws, which must be a RegistryConfigError. */
export function configError(run: () => unknown): RegistryConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(RegistryConfigError);
    return error as RegistryConfigError;
  }
  throw new Error('expected a RegistryConfigError, but nothing was thrown');
}

/** The error `run` throws, whatever its type. */
export function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, but nothing was thrown');
}
