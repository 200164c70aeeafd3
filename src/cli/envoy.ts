/**
 * `consilium envoy`: generate the Envoy bootstrap from a Consilium config, or check a bootstrap against
 * Envoy's protos. Exit 0 on success, 1 on a runtime failure (cannot write --out), 2 on usage or config
 * errors and when --check finds issues.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { loadConfigFile } from '../config/load.js';
import type { ConsiliumConfig, HostPort } from '../config/types.js';
import { ConfigError, formatIssue } from '../errors/index.js';
import { checkBootstrapText, formatCheckIssue, renderBootstrapYaml, renderConfigMapYaml, type BootstrapOptions } from '../envoy/index.js';
import { parse, UsageError, withUsage } from './args.js';

const USAGE = `usage: consilium envoy --config FILE [--k8s] [--namespace NS] [--service NAME] [--ext-proc HOST:PORT]
                      [--listen-port PORT] [--out FILE]
       consilium envoy --check FILE [--config FILE] [--json]

Generates Envoy's v3 bootstrap from a Consilium config (YAML on stdout, or --out FILE).
  --k8s              a ConfigMap manifest (key envoy.yaml); ext_proc and short backend names become
                     <name>.<namespace>.svc.cluster.local
  --namespace NS     Kubernetes namespace (default: default)
  --service NAME     Consilium's Service name for ext_proc (default: consilium)
  --ext-proc H:P     where Envoy reaches Consilium (default: server.listen, or the Service with --k8s)
  --listen-port N    Envoy's client listener port (default 8080)
--check validates a bootstrap (or a ConfigMap holding one) against Envoy's protos; with --config it also
requires every model's cluster. Exit 0 when clean, 2 listing each issue.
`;

const OPTIONS = {
  config: { type: 'string' },
  check: { type: 'string' },
  k8s: { type: 'boolean' },
  namespace: { type: 'string' },
  service: { type: 'string' },
  'ext-proc': { type: 'string' },
  'listen-port': { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

export function run(argv: string[]): Promise<number> {
  return withUsage(USAGE, async () => {
    const { values } = parse(argv, OPTIONS);
    if (values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    if (values.check !== undefined) {
      if (values.k8s || values.out !== undefined || values.namespace !== undefined) throw new UsageError('--check takes only --config and --json');
      return check(values.check, values.config, values.json === true);
    }
    if (values.config === undefined) throw new UsageError('--config (to generate) or --check (to validate) is required');
    if (values.json) throw new UsageError('--json applies to --check only');
    if (values.namespace !== undefined && !values.k8s) throw new UsageError('--namespace needs --k8s');
    const options: BootstrapOptions = {
      ...(values['ext-proc'] !== undefined ? { extProcAddress: hostPort(values['ext-proc']) } : {}),
      ...(values['listen-port'] !== undefined ? { listenPort: port(values['listen-port'], '--listen-port') } : {}),
      ...(values.k8s ? { k8s: { namespace: values.namespace ?? 'default', ...(values.service !== undefined ? { consiliumService: values.service } : {}) } } : {}),
    };
    const config = await loadOrReport(values.config);
    if (!config) return 2;
    let yaml: string;
    try {
      yaml = options.k8s ? renderConfigMapYaml(config, { ...options, k8s: options.k8s }) : renderBootstrapYaml(config, options);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      process.stderr.write(`cannot generate the Envoy bootstrap:\n${error.issues.map(formatIssue).join('\n')}\n`);
      return 2;
    }
    if (values.out === undefined) {
      process.stdout.write(yaml);
      return 0;
    }
    try {
      await writeFile(values.out, yaml);
    } catch (error) {
      process.stderr.write(`cannot write ${values.out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
      return 1;
    }
    process.stderr.write(`wrote ${values.out}\n`);
    return 0;
  });
}

async function check(file: string, configFile: string | undefined, json: boolean): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    process.stderr.write(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    return 2;
  }
  let expectedClusters: string[] | undefined;
  if (configFile !== undefined) {
    const config = await loadOrReport(configFile);
    if (!config) return 2;
    expectedClusters = [...config.models.values()].map((m) => m.cluster);
  }
  const issues = checkBootstrapText(text, expectedClusters ? { expectedClusters } : {});
  if (json) {
    process.stdout.write(`${JSON.stringify({ file, valid: issues.length === 0, issues })}\n`);
  } else if (issues.length === 0) {
    process.stderr.write(`${file}: valid against Envoy's v3 protos\n`);
  } else {
    process.stderr.write(`${file}: ${issues.length} issue(s):\n${issues.map((i) => `  ${formatCheckIssue(i)}`).join('\n')}\n`);
  }
  return issues.length === 0 ? 0 : 2;
}

async function loadOrReport(file: string): Promise<ConsiliumConfig | undefined> {
  try {
    return await loadConfigFile(file);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${file}: invalid (${error.stage}):\n${error.issues.map(formatIssue).join('\n')}\n`);
    return undefined;
  }
}

function hostPort(text: string): HostPort {
  const at = text.lastIndexOf(':');
  const host = text.slice(0, at).replace(/^\[|\]$/g, '');
  if (at <= 0 || host === '') throw new UsageError(`--ext-proc must be HOST:PORT, got "${text}"`);
  return { host, port: port(text.slice(at + 1), '--ext-proc') };
}

function port(text: string, flag: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 65_535) throw new UsageError(`${flag}: "${text}" is not a port`);
  return n;
}
