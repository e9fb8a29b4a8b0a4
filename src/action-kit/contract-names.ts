import type { ActionContract } from '../contract/actions.js';
import { InternalError } from '../core/errors.js';

/**
 * `name` when the contract declares it under `kind`. An entry that reads an input or sets an
 * output its action.yml does not declare has a bug: the runner would hand it '' (or drop the
 * output) silently, so the first run fails instead, naming the mistake.
 */
export function declared(contract: ActionContract, kind: 'inputs' | 'outputs', name: string): string {
  if (Object.values(contract[kind]).includes(name)) return name;
  throw new InternalError(`${contract.name} uses ${kind === 'inputs' ? 'input' : 'output'} ${name}, which its action.yml does not declare`);
}
