/**
 * Command-line argument parsing: positionals plus `--name VALUE`,
 * `--name=VALUE` and `--flag` options, kept in the order given because
 * `op snapshot` pairs each `--file` with the `--at` before it.
 */

/** A mistake in how the command was called: exit code 2 and the usage text. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface OptionSpec {
  /** Options that take a value (`--at vda`). */
  readonly values: readonly string[];
  /** Options without a value (`--json`). */
  readonly flags: readonly string[];
  /** Options that may be given more than once; any other repeated option is a usage error. */
  readonly repeatable?: readonly string[];
}

export interface ParsedOption {
  readonly name: string;
  /** The value; null for a flag. */
  readonly value: string | null;
}

export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly options: readonly ParsedOption[];
}

export function parseArgs(argv: readonly string[], spec: OptionSpec): ParsedArgs {
  const positionals: string[] = [];
  const options: ParsedOption[] = [];
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    // '-' alone is the stdin file name, not an option.
    if (onlyPositionals || !arg.startsWith('--')) {
      if (!onlyPositionals && arg.startsWith('-') && arg !== '-') throw new UsageError(`Unknown option '${arg}'.`);
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (spec.flags.includes(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value.`);
      options.push({ name, value: null });
    } else if (spec.values.includes(name)) {
      let value: string | undefined;
      if (eq >= 0) value = arg.slice(eq + 1);
      else {
        value = argv[i + 1];
        if (value === undefined || (value.startsWith('--') && value.length > 2)) throw new UsageError(`--${name} needs a value.`);
        i++;
      }
      options.push({ name, value });
    } else {
      throw new UsageError(`Unknown option '--${name}'.`);
    }
    const repeatable = spec.repeatable ?? [];
    if (!repeatable.includes(name) && options.filter((o) => o.name === name).length > 1) {
      throw new UsageError(`--${name} was given more than once.`);
    }
  }
  return { positionals, options };
}

/** The value of a single-use option, or null when it was not given. */
export function optionValue(args: ParsedArgs, name: string): string | null {
  return args.options.find((o) => o.name === name)?.value ?? null;
}

export function requireValue(args: ParsedArgs, name: string, what: string): string {
  const v = optionValue(args, name);
  if (v === null) throw new UsageError(`${what} needs --${name}.`);
  return v;
}

export function hasFlag(args: ParsedArgs, name: string): boolean {
  return args.options.some((o) => o.name === name);
}
