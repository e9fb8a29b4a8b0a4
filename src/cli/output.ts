/** Two-space JSON with a final newline: what every --json prints. */
export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
