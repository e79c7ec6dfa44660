#!/usr/bin/env bash
# glr-bootstrap: turns a fresh EC2 instance into a single-job GitLab runner, then powers it off.
#
# Installed as /opt/glr/bin/glr-bootstrap and started by glr-bootstrap.service (see the README,
# "Contract with the AutoScaler"). Steps, each logged to the console and to $GLR_LOG_FILE (which the
# CloudWatch agent ships to the runner log group):
#   1. instance id and region from IMDSv2;
#   2. wait, bounded and with backoff, for the SSM SecureString <parameter path>runner-tokens/<instance id>;
#      read it, delete it, validate it;
#   3. write a minimal config.toml (0600) and run `gitlab-runner run-single --max-builds 1`;
#   4. whatever happened after the token was read: delete the runner from GitLab with its token;
#   5. always: power off (the launch template's shutdown behaviour terminates the instance).
#
# The runner token never sits in a shell variable, an environment variable or the argument list of
# any command: the plan lives in a 0600 file and jq/curl read it from files or stdin.
set -Eeuo pipefail
umask 077

readonly PROGRAM=glr-bootstrap
readonly GITLAB_API_DELETE_PATH=/api/v4/runners

usage() {
  cat <<'EOF'
Usage: glr-bootstrap [--parameter-path PATH] [--log-group NAME]

Options (each also read from the environment variable in brackets):
  --parameter-path PATH  SSM path holding runner-tokens/<instance id>   [GLR_PARAMETER_PATH, default /gitlabrunner/]
  --log-group NAME       CloudWatch Logs group for this runner's log    [GLR_LOG_GROUP, required]

Settings read only from the environment (defaults in brackets):
  GLR_DEFAULT_DOCKER_IMAGE          image when the plan names none            [alpine:3.20]
  GLR_DEFAULT_WAIT_TIMEOUT_SECONDS  run-single idle timeout when the plan has none [120]
  GLR_TOKEN_WAIT_SECONDS            longest total wait for the token parameter [300]
  GLR_LOG_FLUSH_SECONDS             pause before power-off so logs get shipped [5]
  GLR_IMDS_ENDPOINT                 [http://169.254.169.254]
  GLR_STATE_DIR                     runner config and plan (root only)        [/run/glr]
  GLR_BUILDS_DIR                    shell executor builds directory           [/var/lib/glr/builds]
  GLR_LOG_FILE                      [/var/log/glr/bootstrap.log]
  GLR_CLOUDWATCH_TEMPLATE           [/opt/glr/etc/cloudwatch-agent.json]
  GLR_CLOUDWATCH_CONFIG             [/opt/aws/amazon-cloudwatch-agent/etc/glr-bootstrap.json]
EOF
}

# ---------------------------------------------------------------------------------------------- logging

log() {
  local level=$1
  shift
  local line
  line="$(date -u +%Y-%m-%dT%H:%M:%SZ) ${PROGRAM} ${level}: $*"
  printf '%s\n' "$line"
  printf '%s\n' "$line" >>"$GLR_LOG_FILE" 2>/dev/null || true
}

fail() {
  log ERROR "$*"
  exit 1
}

# ---------------------------------------------------------------------------------------------- settings

parse_arguments() {
  while (($# > 0)); do
    case "$1" in
    --parameter-path)
      (($# >= 2)) || fail "--parameter-path needs a value such as /gitlabrunner/"
      GLR_PARAMETER_PATH=$2
      shift 2
      ;;
    --log-group)
      (($# >= 2)) || fail "--log-group needs a CloudWatch Logs group name"
      GLR_LOG_GROUP=$2
      shift 2
      ;;
    *) fail "unknown argument '$1': see --help" ;;
    esac
  done
}

require_positive_integer() {
  local name=$1 value=$2
  [[ "$value" =~ ^[1-9][0-9]{0,5}$ ]] || fail "$name must be a positive whole number of seconds, got '$value'"
}

validate_settings() {
  [[ "$GLR_PARAMETER_PATH" =~ ^/([A-Za-z0-9_.-]+/)*$ ]] ||
    fail "parameter path '$GLR_PARAMETER_PATH' must start and end with '/' (for example /gitlabrunner/)"
  [[ -n "$GLR_LOG_GROUP" ]] || fail "the log group is required: pass --log-group NAME (or set GLR_LOG_GROUP)"
  [[ "$GLR_LOG_GROUP" =~ ^[A-Za-z0-9_./#-]{1,512}$ ]] ||
    fail "log group '$GLR_LOG_GROUP' may only hold letters, digits and _ . / # -"
  require_positive_integer GLR_TOKEN_WAIT_SECONDS "$GLR_TOKEN_WAIT_SECONDS"
  require_positive_integer GLR_DEFAULT_WAIT_TIMEOUT_SECONDS "$GLR_DEFAULT_WAIT_TIMEOUT_SECONDS"
  [[ "$GLR_LOG_FLUSH_SECONDS" =~ ^[0-9]{1,3}$ ]] || fail "GLR_LOG_FLUSH_SECONDS must be a whole number, got '$GLR_LOG_FLUSH_SECONDS'"
  [[ "$GLR_DEFAULT_DOCKER_IMAGE" =~ ^[^[:space:]]{1,512}$ ]] || fail "GLR_DEFAULT_DOCKER_IMAGE must be an image reference"
}

# ---------------------------------------------------------------------------------------------- IMDSv2

imds_get() {
  curl --silent --show-error --fail --max-time 5 --retry 3 --retry-connrefused \
    --header "X-aws-ec2-metadata-token: ${imds_token}" "${GLR_IMDS_ENDPOINT}/latest/meta-data/$1"
}

read_instance_identity() {
  imds_token=$(curl --silent --show-error --fail --max-time 5 --retry 3 --retry-connrefused --request PUT \
    --header 'X-aws-ec2-metadata-token-ttl-seconds: 300' "${GLR_IMDS_ENDPOINT}/latest/api/token") ||
    fail "IMDSv2 gave no session token at ${GLR_IMDS_ENDPOINT}; is the metadata endpoint enabled on the launch template?"
  instance_id=$(imds_get instance-id) || fail "IMDSv2 did not return the instance id"
  region=$(imds_get placement/region) || fail "IMDSv2 did not return the region"
  [[ "$instance_id" =~ ^i-[0-9a-f]{8,17}$ ]] || fail "IMDSv2 returned an unexpected instance id '$instance_id'"
  [[ "$region" =~ ^[a-z]{2}(-[a-z]+)+-[0-9]+$ ]] || fail "IMDSv2 returned an unexpected region '$region'"
  log INFO "instance ${instance_id} in ${region}"
}

# ---------------------------------------------------------------------------------------------- CloudWatch

# Renders the baked agent configuration with this run's log group and (re)starts the agent. A failure
# only costs the CloudWatch copy of the log: the console still has every line.
start_log_shipping() {
  if ! command -v amazon-cloudwatch-agent-ctl >/dev/null 2>&1; then
    log WARN "amazon-cloudwatch-agent-ctl not found: this run logs to the console only"
    return 0
  fi
  if ! jq --arg group "$GLR_LOG_GROUP" --arg file "$GLR_LOG_FILE" \
    '.logs.logs_collected.files.collect_list |= map(.log_group_name = $group | .file_path = $file)' \
    "$GLR_CLOUDWATCH_TEMPLATE" >"$GLR_CLOUDWATCH_CONFIG"; then
    log WARN "could not render ${GLR_CLOUDWATCH_CONFIG} from ${GLR_CLOUDWATCH_TEMPLATE}: console logging only"
    return 0
  fi
  if amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c "file:${GLR_CLOUDWATCH_CONFIG}" >/dev/null 2>&1; then
    log INFO "shipping ${GLR_LOG_FILE} to log group ${GLR_LOG_GROUP}"
  else
    log WARN "the CloudWatch agent did not start: console logging only"
  fi
}

# ---------------------------------------------------------------------------------------------- token parameter

# Waits for the parameter with exponential backoff (1 s doubling, at most 10 s a step) until the
# planned sleeps add up to GLR_TOKEN_WAIT_SECONDS. The decrypted value goes straight into a 0600 file.
fetch_runner_plan() {
  local waited=0 delay=1 attempt=0 error_line
  log INFO "waiting up to ${GLR_TOKEN_WAIT_SECONDS}s for parameter ${parameter_name}"
  while :; do
    attempt=$((attempt + 1))
    if aws ssm get-parameter --region "$region" --name "$parameter_name" --with-decryption \
      --query Parameter.Value --output text --cli-connect-timeout 5 --cli-read-timeout 10 \
      >"$plan_file" 2>"$aws_error_file"; then
      plan_fetched=true
      log INFO "read parameter ${parameter_name} (attempt ${attempt})"
      return 0
    fi
    error_line=$(grep -o -m 1 -E '\(([A-Za-z]+)\)' "$aws_error_file" || echo '(unknown error)')
    if ((waited >= GLR_TOKEN_WAIT_SECONDS)); then
      fail "parameter ${parameter_name} did not appear within ${GLR_TOKEN_WAIT_SECONDS}s (last error ${error_line}); the AutoScaler writes it right after launch"
    fi
    ((delay <= GLR_TOKEN_WAIT_SECONDS - waited)) || delay=$((GLR_TOKEN_WAIT_SECONDS - waited))
    log INFO "parameter not readable yet ${error_line}, attempt ${attempt}; retrying in ${delay}s"
    sleep "$delay"
    waited=$((waited + delay))
    delay=$((delay * 2 > 10 ? 10 : delay * 2))
  done
}

delete_token_parameter() {
  if aws ssm delete-parameter --region "$region" --name "$parameter_name" \
    --cli-connect-timeout 5 --cli-read-timeout 10 >/dev/null 2>"$aws_error_file"; then
    log INFO "deleted parameter ${parameter_name}"
  else
    log WARN "could not delete parameter ${parameter_name} ($(grep -o -m 1 -E '\(([A-Za-z]+)\)' "$aws_error_file" || echo 'unknown error')); the AutoScaler's clean-up removes it"
  fi
}

# The first jq error line without its prefix: one of the field messages above, or where the JSON breaks.
plan_error() {
  local message
  message=$(sed -n -e 's/^jq: error ([^)]*): //p' -e 's/^\(jq: \)\{0,1\}parse error: /not valid JSON: /p' \
    "$jq_error_file" | head -n 1 | cut -c 1-300)
  printf '%s' "${message:-the value is empty}"
}

# Prints "runnerName<TAB>executor<TAB>dockerImage<TAB>waitTimeoutSeconds<TAB>url" or fails naming the
# field. The token is checked but never printed.
# shellcheck disable=SC2016 # a jq program: $field and $fix are jq variables
readonly PLAN_DEFINITIONS='
def bad($field; $fix): error("\($field): \($fix)");
def valid_url: type == "string" and test("^https?://[^[:space:]\"]+$");
def valid_token: type == "string" and test("^[!-~]{8,512}$");
'
# Prints the GitLab URL when the plan holds a URL and a token the clean-up can use, else nothing.
readonly DELETABLE_FILTER='if type == "object" and (.url | valid_url) and (.token | valid_token) then .url else empty end'
# shellcheck disable=SC2016 # a jq program: $defaultImage and $defaultWait are jq variables
readonly PLAN_FILTER='
if type != "object" then bad("runner plan"; "expected a JSON object such as {\"url\": ..., \"token\": ..., \"runnerName\": ...}") else . end
| if (.url | valid_url | not)
    then bad("url"; "expected the GitLab base URL, for example https://gitlab.example.com") else . end
| if (.token | valid_token | not)
    then bad("token"; "expected the runner authentication token (8 to 512 printable characters, no spaces)") else . end
| if (.runnerName | type) != "string" or (.runnerName | test("^[A-Za-z0-9._-]{1,255}$") | not)
    then bad("runnerName"; "expected the runner name, for example glr-4711-ab12cd") else . end
| if has("executor") and (.executor | IN("docker", "shell") | not)
    then bad("executor"; "expected \"docker\" or \"shell\", or leave it out for docker") else . end
| if has("dockerImage") and ((.dockerImage | type) != "string" or (.dockerImage | test("^[^[:space:]\"]{1,512}$") | not))
    then bad("dockerImage"; "expected an image reference such as alpine:3.20, or leave it out") else . end
| if has("waitTimeoutSeconds") and ((.waitTimeoutSeconds | type) != "number" or .waitTimeoutSeconds != (.waitTimeoutSeconds | floor) or .waitTimeoutSeconds < 1 or .waitTimeoutSeconds > 3600)
    then bad("waitTimeoutSeconds"; "expected whole seconds from 1 to 3600, or leave it out") else . end
| [.runnerName, (.executor // "docker"), (.dockerImage // $defaultImage), ((.waitTimeoutSeconds // $defaultWait) | tostring), .url]
| @tsv'

read_plan() {
  local summary
  if gitlab_url=$(jq -r "${PLAN_DEFINITIONS}${DELETABLE_FILTER}" <"$plan_file" 2>/dev/null) && [[ -n "$gitlab_url" ]]; then
    token_usable=true
  fi
  summary=$(jq -r -e --arg defaultImage "$GLR_DEFAULT_DOCKER_IMAGE" --argjson defaultWait "$GLR_DEFAULT_WAIT_TIMEOUT_SECONDS" \
    "${PLAN_DEFINITIONS}${PLAN_FILTER}" <"$plan_file" 2>"$jq_error_file") ||
    fail "the runner plan in ${parameter_name} is invalid: $(plan_error)"
  IFS=$'\t' read -r runner_name executor docker_image wait_timeout gitlab_url <<<"$summary"
  log INFO "runner ${runner_name}: executor ${executor}, image ${docker_image}, wait timeout ${wait_timeout}s, GitLab ${gitlab_url}"
}

# ---------------------------------------------------------------------------------------------- runner

# Writes config.toml from the plan file. JSON string escapes are valid TOML basic-string escapes.
write_runner_config() {
  mkdir -p "$GLR_BUILDS_DIR"
  jq -r --arg image "$docker_image" --arg executor "$executor" --arg buildsDir "$GLR_BUILDS_DIR" '
    [ "concurrent = 1",
      "check_interval = 3",
      "shutdown_timeout = 30",
      "",
      "[[runners]]",
      "  name = \(.runnerName | @json)",
      "  url = \(.url | @json)",
      "  token = \(.token | @json)",
      "  executor = \($executor | @json)",
      (if $executor == "shell"
        then "  shell = \"bash\"\n  builds_dir = \($buildsDir | @json)"
        else "  [runners.docker]\n    image = \($image | @json)\n    privileged = false\n    pull_policy = [\"if-not-present\"]\n    volumes = [\"/cache\"]"
        end)
    ] | join("\n")' <"$plan_file" >"$config_file"
  chmod 0600 "$config_file"
  log INFO "wrote ${config_file}"
}

run_runner() {
  log INFO "starting gitlab-runner run-single for ${runner_name} (max builds 1, wait timeout ${wait_timeout}s)"
  gitlab-runner run-single --config "$config_file" --runner "$runner_name" \
    --max-builds 1 --wait-timeout "$wait_timeout" >>"$GLR_LOG_FILE" 2>&1 &
  runner_pid=$!
  local status=0
  wait "$runner_pid" || status=$?
  runner_pid=
  if ((status == 0)); then
    log INFO "gitlab-runner run-single finished (one job done, or idle for ${wait_timeout}s)"
  else
    log ERROR "gitlab-runner run-single exited with status ${status}"
  fi
  return "$status"
}

# ---------------------------------------------------------------------------------------------- clean-up

# DELETE /api/v4/runners with the runner's own token in a JSON body read from stdin. 204: deleted;
# 403: GitLab no longer knows the token (already deleted by the control plane). Retries 429/5xx.
delete_runner_from_gitlab() {
  local attempt status name=${runner_name:-"(invalid plan)"}
  for attempt in 1 2 3; do
    status=$(jq -c '{token: .token}' <"$plan_file" | curl --silent --output /dev/null --write-out '%{http_code}' \
      --max-time 15 --request DELETE --header 'Content-Type: application/json' --data-binary @- \
      "${gitlab_url%/}${GITLAB_API_DELETE_PATH}") || status=000
    case "$status" in
    204)
      log INFO "deleted runner ${name} from GitLab"
      return 0
      ;;
    403)
      log INFO "GitLab no longer knows runner ${name} (HTTP 403): already deleted"
      return 0
      ;;
    000 | 429 | 5??) log WARN "deleting runner ${name} from GitLab failed (HTTP ${status}), attempt ${attempt} of 3" ;;
    *)
      log WARN "deleting runner ${name} from GitLab failed (HTTP ${status}); the AutoScaler's clean-up removes it"
      return 1
      ;;
    esac
    ((attempt == 3)) || sleep $((attempt * 2))
  done
  log WARN "gave up deleting runner ${name} from GitLab; the AutoScaler's clean-up removes it"
  return 1
}

stop_runner() {
  if [[ -n "${runner_pid:-}" ]] && kill -0 "$runner_pid" 2>/dev/null; then
    log WARN "stopping gitlab-runner (pid ${runner_pid})"
    kill -TERM "$runner_pid" 2>/dev/null || true
    wait "$runner_pid" 2>/dev/null || true
  fi
}

finish() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  stop_runner
  if [[ "$token_usable" == true ]]; then
    delete_runner_from_gitlab
  elif [[ "$plan_fetched" == true ]]; then
    log WARN "the plan held no usable runner token: nothing to delete from GitLab"
  fi
  rm -f "$plan_file" "$config_file" "$aws_error_file" "$jq_error_file"
  if ((status == 0)); then
    log INFO "done; powering off"
  else
    log ERROR "failed (status ${status}); powering off"
  fi
  sleep "$GLR_LOG_FLUSH_SECONDS"
  poweroff
  exit "$status"
}

# ---------------------------------------------------------------------------------------------- main

main() {
  GLR_PARAMETER_PATH=${GLR_PARAMETER_PATH:-/gitlabrunner/}
  GLR_LOG_GROUP=${GLR_LOG_GROUP:-}
  GLR_DEFAULT_DOCKER_IMAGE=${GLR_DEFAULT_DOCKER_IMAGE:-alpine:3.20}
  GLR_DEFAULT_WAIT_TIMEOUT_SECONDS=${GLR_DEFAULT_WAIT_TIMEOUT_SECONDS:-120}
  GLR_TOKEN_WAIT_SECONDS=${GLR_TOKEN_WAIT_SECONDS:-300}
  GLR_LOG_FLUSH_SECONDS=${GLR_LOG_FLUSH_SECONDS:-5}
  GLR_IMDS_ENDPOINT=${GLR_IMDS_ENDPOINT:-http://169.254.169.254}
  GLR_STATE_DIR=${GLR_STATE_DIR:-/run/glr}
  GLR_BUILDS_DIR=${GLR_BUILDS_DIR:-/var/lib/glr/builds}
  GLR_LOG_FILE=${GLR_LOG_FILE:-/var/log/glr/bootstrap.log}
  GLR_CLOUDWATCH_TEMPLATE=${GLR_CLOUDWATCH_TEMPLATE:-/opt/glr/etc/cloudwatch-agent.json}
  GLR_CLOUDWATCH_CONFIG=${GLR_CLOUDWATCH_CONFIG:-/opt/aws/amazon-cloudwatch-agent/etc/glr-bootstrap.json}

  plan_fetched=false
  token_usable=false
  runner_pid=
  plan_file=$GLR_STATE_DIR/plan.json
  config_file=$GLR_STATE_DIR/config.toml
  aws_error_file=$GLR_STATE_DIR/aws-error.txt
  jq_error_file=$GLR_STATE_DIR/jq-error.txt

  case "${1:-}" in -h | --help)
    usage
    return 0
    ;;
  esac
  mkdir -p "$(dirname "$GLR_LOG_FILE")"
  # From here on every exit, clean or not, deletes what was obtained and powers off.
  trap finish EXIT
  trap 'exit 143' TERM
  trap 'exit 130' INT

  parse_arguments "$@"
  validate_settings
  mkdir -p "$GLR_STATE_DIR"
  chmod 0700 "$GLR_STATE_DIR"
  log INFO "starting (parameter path ${GLR_PARAMETER_PATH}, log group ${GLR_LOG_GROUP})"

  read_instance_identity
  start_log_shipping
  parameter_name="${GLR_PARAMETER_PATH}runner-tokens/${instance_id}"
  fetch_runner_plan
  delete_token_parameter
  read_plan
  write_runner_config
  run_runner
}

main "$@"
