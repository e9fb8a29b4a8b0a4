import type { ActionContract } from '../contract/actions.js';
import { UsageError } from '../core/errors.js';

/**
 * Typed access to an action's inputs, by the names its contract declares. Every parse
 * error names the input and says what to write.
 */
export class ActionInputs<N extends string> {
  constructor(
    private readonly actionName: string,
    private readonly read: (name: string) => string,
  ) {}

  /** The trimmed value, or undefined when empty. */
  optional(name: N): string | undefined {
    const value = this.read(name).trim();
    return value === '' ? undefined : value;
  }

  /** A value that must be given. */
  required(name: N): string {
    const value = this.optional(name);
    if (value === undefined) throw new UsageError(`input ${name} is required by ${this.actionName}; set it under "with:"`);
    return value;
  }

  /** true/false (YAML 1.2 core schema spellings, like @actions/core), default when empty. */
  boolean(name: N, fallback: boolean): boolean {
    const value = this.optional(name);
    if (value === undefined) return fallback;
    if (['true', 'True', 'TRUE'].includes(value)) return true;
    if (['false', 'False', 'FALSE'].includes(value)) return false;
    throw new UsageError(`input ${name}: "${value}" is not a boolean; write true or false`);
  }

  /** Non-empty lines (multi-line inputs), comments starting with # dropped. */
  lines(name: N): string[] {
    return this.read(name)
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
  }

  /** One of a fixed set of values, default when empty. */
  choice<T extends string>(name: N, allowed: readonly T[], fallback: T): T {
    const value = this.optional(name) ?? fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      throw new UsageError(`input ${name}: "${value}" is not one of ${allowed.join(', ')}`);
    }
    return value as T;
  }
}

/** The input names a contract declares. */
export type InputName<C extends ActionContract> = C['inputs'][keyof C['inputs']];
