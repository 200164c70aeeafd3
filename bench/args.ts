/**
 * The bench command line: `npm run bench [-- NAME...] [--quick] [--compare FILE [--current FILE]]`.
 * No NAME runs every default part; `--compare` alone compares bench/results/latest.json against FILE.
 */
import { BenchUsageError } from './lib/errors.js';

export const PART_NAMES = ['extproc', 'recipes', 'e2e', 'classify', 'profile'] as const;
export type PartName = (typeof PART_NAMES)[number];

/** What `npm run bench` runs with no NAME: everything, the measurements first and the profiles last. */
export const DEFAULT_PARTS: readonly PartName[] = ['extproc', 'recipes', 'e2e', 'classify', 'profile'];

export interface BenchArgs {
  readonly parts: readonly PartName[];
  readonly quick: boolean;
  /** An earlier results file to compare against. */
  readonly compare: string | undefined;
  /** The newer side of the comparison (default: this run's results, else bench/results/latest.json). */
  readonly current: string | undefined;
  readonly help: boolean;
}

export const USAGE = `usage: npm run bench [-- [NAME...] [--quick] [--compare FILE [--current FILE]]]

  NAME             one or more of: ${PART_NAMES.join(', ')} (default: ${DEFAULT_PARTS.join(', ')})
  --quick          short windows, one round: a smoke run; results go to bench/results/quick.json, not latest.json
  --compare FILE   print every figure's ratio (new / old) against an earlier results file; without NAME, no bench
                   runs and bench/results/latest.json is the new side
  --current FILE   the new side of --compare instead of this run or latest.json
  --help           this text`;

function isPart(name: string): name is PartName {
  return (PART_NAMES as readonly string[]).includes(name);
}

export function parseArgs(argv: readonly string[]): BenchArgs {
  const parts: PartName[] = [];
  let quick = false;
  let compare: string | undefined;
  let current: string | undefined;
  let help = false;
  const valueOf = (flag: string, i: number): string => {
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new BenchUsageError(`${flag} needs a file`);
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    switch (flag) {
      case '--quick':
        quick = true;
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      case '--compare':
        compare = inline ?? valueOf(flag, i++);
        break;
      case '--current':
        current = inline ?? valueOf(flag, i++);
        break;
      default:
        if (flag.startsWith('-')) throw new BenchUsageError(`unknown option ${arg}`);
        if (!isPart(flag)) throw new BenchUsageError(`unknown bench ${flag}; choose from ${PART_NAMES.join(', ')}`);
        if (!parts.includes(flag)) parts.push(flag);
    }
  }
  if (current !== undefined && compare === undefined) throw new BenchUsageError('--current needs --compare');
  const selected = parts.length > 0 ? parts : compare !== undefined ? [] : [...DEFAULT_PARTS];
  return { parts: selected, quick, compare, current, help };
}
