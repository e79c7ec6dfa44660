import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CallRecord, Sandbox, type ScriptRun } from './sandbox.ts';
import { type InstanceIdentity, startFakeGitLab, startFakeImds } from './servers.ts';

/** The bootstrap script the AMI installs, as the tests run it. */
export const BOOTSTRAP_SCRIPT = fileURLToPath(new URL('../../files/glr-bootstrap.sh', import.meta.url));
/** The CloudWatch agent configuration the bootstrap fills in. */
export const CLOUDWATCH_TEMPLATE = fileURLToPath(
  new URL('../../files/cloudwatch-agent.json', import.meta.url),
);

/** The runner token every scenario uses: distinctive, so any leak is found by a substring search. */
export const RUNNER_TOKEN = 'glrt-SECRET-0123456789abcdefTOKEN';
/** The instance the fake IMDS describes. */
export const IDENTITY: InstanceIdentity = { instanceId: 'i-0abc123def4567890', region: 'eu-west-1' };
/** The SecureString the AutoScaler writes the runner token to, named after the instance. */
export const TOKEN_PARAMETER = `/gitlabrunner/runner-tokens/${IDENTITY.instanceId}`;

/** How gitlab-runner run-single behaves: one job, idle exit, a crash, or running until SIGTERM. */
export type RunnerMode = 'job' | 'idle' | 'crash' | 'hang';

const STAND_INS: Readonly<Record<string, string>> = {
  aws: `case "$1 $2" in
"ssm get-parameter")
  count=$(($(cat "$control/get-count" 2>/dev/null || echo 0) + 1))
  echo "$count" >"$control/get-count"
  if [[ -f "$control/plan.json" ]] && ((count >= $(cat "$control/appears-on-attempt"))); then
    cat "$control/plan.json"
    exit 0
  fi
  echo "An error occurred (ParameterNotFound) when calling the GetParameter operation: Parameter not found." >&2
  exit 254 ;;
"ssm delete-parameter") exit 0 ;;
*) echo "unexpected aws call: $*" >&2; exit 2 ;;
esac
`,
  'gitlab-runner': `config=
while (($# > 0)); do
  if [[ "$1" == --config ]]; then config=$2; fi
  shift
done
cat "$config" >"$control/seen-config.toml"
stat -c %a "$config" >"$control/seen-config-mode"
case "$(cat "$control/runner-mode")" in
job) echo "Job succeeded" ;;
idle) echo "WARNING: no job received within the wait timeout" ;;
crash) echo "panic: runtime error" >&2; exit 2 ;;
hang)
  "$GLR_TEST_SLEEP" 30 &
  pid=$!
  trap 'echo terminated >"$control/runner-terminated"; kill "$pid"; exit 143' TERM
  echo '{"cmd":"runner-ready","argv":[],"env":{}}' >>"$GLR_TEST_SANDBOX/calls.jsonl"
  wait "$pid" ;;
esac
`,
  'amazon-cloudwatch-agent-ctl': `for arg in "$@"; do
  if [[ "$arg" == file:* ]]; then cat "\${arg#file:}" >"$control/seen-cloudwatch.json"; fi
done
`,
  poweroff: 'exit 0\n',
  sleep: 'exit 0\n',
};

/** Inputs of one bootstrap run. Unset fields get the values of a normal, successful run. */
export interface BootstrapScenario {
  /** The parameter's value; a function receives the fake GitLab URL. `null`: the parameter never appears. */
  readonly plan?: ((gitlabUrl: string) => string) | null;
  readonly appearsOnAttempt?: number;
  readonly runnerMode?: RunnerMode;
  readonly gitlabStatuses?: readonly number[];
  readonly env?: Readonly<Record<string, string>>;
  readonly args?: readonly string[];
  readonly onCall?: (call: CallRecord, pid: number) => void;
  /** Point the bootstrap at an endpoint that answers 404 instead of IMDS. */
  readonly imdsBroken?: boolean;
}

/** A finished bootstrap run and the files it used. */
export interface BootstrapResult extends ScriptRun {
  readonly log: string;
  readonly gitlabUrl: string;
  readonly sandbox: Sandbox;
  readonly stateDir: string;
}

/** The run plan of a normal start (JSON): the GitLab URL, the runner token and name, docker executor. */
export const defaultPlan = (gitlabUrl: string): string =>
  JSON.stringify({
    url: gitlabUrl,
    token: RUNNER_TOKEN,
    runnerName: 'glr-4711-ab12cd',
    executor: 'docker',
    dockerImage: 'node:24-alpine',
    waitTimeoutSeconds: 90,
  });

/** Runs glr-bootstrap against a fake IMDS, a fake GitLab and stand-ins, and collects what it did. */
export async function runBootstrap(scenario: BootstrapScenario = {}): Promise<BootstrapResult> {
  const sandbox = new Sandbox();
  for (const [name, body] of Object.entries(STAND_INS)) sandbox.standIn(name, body);
  const record = (event: CallRecord): void => sandbox.record(event);
  const imds = await startFakeImds(record, IDENTITY);
  const gitlab = await startFakeGitLab(record, scenario.gitlabStatuses ?? [204]);
  try {
    const plan = scenario.plan === undefined ? defaultPlan : scenario.plan;
    if (plan !== null) sandbox.control('plan.json', `${plan(gitlab.url)}\n`);
    sandbox.control('appears-on-attempt', `${scenario.appearsOnAttempt ?? 1}`);
    sandbox.control('runner-mode', scenario.runnerMode ?? 'job');
    const logFile = join(sandbox.root, 'log', 'bootstrap.log');
    const stateDir = join(sandbox.root, 'state');
    const run = await sandbox.run(
      BOOTSTRAP_SCRIPT,
      scenario.args ?? ['--parameter-path', '/gitlabrunner/', '--log-group', '/gitlabrunner/ec2-runners'],
      {
        ...sandbox.baseEnvironment(),
        GLR_IMDS_ENDPOINT: scenario.imdsBroken ? `${gitlab.url}/no-imds` : imds.url,
        GLR_STATE_DIR: stateDir,
        GLR_BUILDS_DIR: join(sandbox.root, 'builds'),
        GLR_LOG_FILE: logFile,
        GLR_CLOUDWATCH_TEMPLATE: CLOUDWATCH_TEMPLATE,
        GLR_CLOUDWATCH_CONFIG: join(sandbox.root, 'cloudwatch.json'),
        ...scenario.env,
      },
      scenario.onCall,
    );
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    return { ...run, log, gitlabUrl: gitlab.url, sandbox, stateDir };
  } finally {
    await Promise.all([imds.close(), gitlab.close()]);
  }
}

/**
 * The run as a list of steps, in order: IMDS and GitLab requests, AWS CLI, gitlab-runner, sleeps and
 * the power-off. curl and jq calls are left out (they are how the steps are made, not steps).
 */
export function steps(calls: readonly CallRecord[]): string[] {
  return calls.flatMap((call): string[] => {
    switch (call.cmd) {
      case 'imds':
      case 'gitlab':
        return [`${call.cmd} ${call.method} ${call.path}`];
      case 'aws':
        return [`aws ${call.argv.slice(0, 2).join(' ')}`];
      case 'gitlab-runner':
        return [`gitlab-runner ${call.argv[0]}`];
      case 'sleep':
        return [`sleep ${call.argv[0]}`];
      case 'poweroff':
        return ['poweroff'];
      case 'amazon-cloudwatch-agent-ctl':
        return ['cloudwatch-agent'];
      default:
        return [];
    }
  });
}

/** Every place the token must never be: logs, console, argv and environment of every command, URLs and headers. */
export function placesTheTokenMustNotBe(result: BootstrapResult): Record<string, string> {
  const places: Record<string, string> = {
    'log file': result.log,
    stdout: result.stdout,
    stderr: result.stderr,
  };
  result.calls.forEach((call, index) => {
    places[`#${index} ${call.cmd} argv`] = call.argv.join(' ');
    places[`#${index} ${call.cmd} environment`] = Object.values(call.env).join(' ');
    places[`#${index} ${call.cmd} path and headers`] =
      `${call.path ?? ''} ${JSON.stringify(call.headers ?? {})}`;
  });
  return places;
}
