/** `consilium validate --config FILE [--json]`: exit 0 when valid, 2 listing every problem with path and value. */
import { callBounds } from '../config/recipes.js';
import { loadConfigFile } from '../config/load.js';
import { ConfigError, formatIssue } from '../errors/index.js';
import { parse, withUsage } from './args.js';

const USAGE = 'usage: consilium validate --config FILE [--json]\n';

export function run(argv: string[]): Promise<number> {
  return withUsage(USAGE, async () => {
    const { values } = parse(argv, { config: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } });
    if (values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    if (!values.config) {
      process.stderr.write(`--config is required\n\n${USAGE}`);
      return 2;
    }
    try {
      const config = await loadConfigFile(values.config);
      const recipes = [...config.recipes.values()].map((recipe) => ({ name: recipe.name, type: recipe.type, calls: callBounds(recipe), max_calls: recipe.budget.maxCalls }));
      if (values.json) {
        process.stdout.write(`${JSON.stringify({ valid: true, file: config.source, models: [...config.models.keys()], decisions: config.decisions.map((d) => d.name), recipes })}\n`);
      } else {
        process.stderr.write(`${config.source}: valid (${config.models.size} models, ${config.decisions.length} decisions, ${config.recipes.size} recipes)\n`);
        for (const r of recipes) {
          process.stderr.write(`  recipe ${r.name} (${r.type}): ${r.calls.min}..${r.calls.max} calls per run before retries, budget max_calls ${r.max_calls}\n`);
        }
      }
      return 0;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      if (values.json) {
        process.stdout.write(`${JSON.stringify({ valid: false, stage: error.stage, issues: error.issues })}\n`);
      } else {
        process.stderr.write(`${values.config}: invalid (${error.stage}), ${error.issues.length} problem(s):\n${error.issues.map(formatIssue).join('\n')}\n`);
      }
      return 2;
    }
  });
}
