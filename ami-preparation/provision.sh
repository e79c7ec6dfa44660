#!/usr/bin/env bash
# Provisions the EC2 runner AMI on an Amazon Linux 2023 build instance (x86_64 or aarch64); run as root
# by runner.pkr.hcl. Installs Docker, git, jq, the AWS CLI v2 (AL2023 ships it; installed here only if
# a custom base image lacks it), the CloudWatch agent, gitlab-runner (pinned, SHA-256 verified), the
# glr bootstrap and its unit; disables the packaged gitlab-runner service; then removes everything
# instance-specific (SSH host keys, logs, cloud-init state, machine id).
#
# Environment (set by the Packer template):
#   GITLAB_RUNNER_VERSION                 e.g. 19.3.0
#   GITLAB_RUNNER_SHA256_AMD64            SHA-256 of gitlab-runner_amd64.rpm of that version
#   GITLAB_RUNNER_SHA256_ARM64            SHA-256 of gitlab-runner_arm64.rpm of that version
#   GITLAB_RUNNER_HELPER_IMAGES_SHA256    SHA-256 of gitlab-runner-helper-images.rpm of that version
#   GLR_FILES_DIR                         where Packer uploaded ami-preparation/files/
#   DEFAULT_DOCKER_IMAGE                  image a docker-executor job gets when it names none
#   PREPULL_IMAGES                        space-separated images pulled into the AMI (may be empty)
#   GITLAB_RUNNER_DOWNLOAD_BASE           [https://gitlab-runner-downloads.s3.amazonaws.com]
set -Eeuo pipefail

say() { printf '==> provision: %s\n' "$*"; }
die() {
  printf '==> provision: ERROR: %s\n' "$*" >&2
  exit 1
}

require() {
  local name=$1 pattern=$2 hint=$3
  [[ "${!name:-}" =~ $pattern ]] || die "$name is missing or malformed: $hint"
}

require GITLAB_RUNNER_VERSION '^[0-9]+\.[0-9]+\.[0-9]+$' 'a release such as 19.3.0'
require GITLAB_RUNNER_SHA256_AMD64 '^[0-9a-f]{64}$' 'see README, "Pinning gitlab-runner"'
require GITLAB_RUNNER_SHA256_ARM64 '^[0-9a-f]{64}$' 'see README, "Pinning gitlab-runner"'
require GITLAB_RUNNER_HELPER_IMAGES_SHA256 '^[0-9a-f]{64}$' 'see README, "Pinning gitlab-runner"'
require GLR_FILES_DIR '^/' 'an absolute directory'
require DEFAULT_DOCKER_IMAGE '^[^[:space:]]+$' 'an image reference such as alpine:3.20'
PREPULL_IMAGES=${PREPULL_IMAGES:-}
download_base=${GITLAB_RUNNER_DOWNLOAD_BASE:-https://gitlab-runner-downloads.s3.amazonaws.com}

case "$(uname -m)" in
x86_64) package_arch=amd64 runner_sha256=$GITLAB_RUNNER_SHA256_AMD64 ;;
aarch64) package_arch=arm64 runner_sha256=$GITLAB_RUNNER_SHA256_ARM64 ;;
*) die "unsupported architecture $(uname -m): build on x86_64 or arm64" ;;
esac

install_os_packages() {
  say "updating the base image and installing docker, git, jq, the AWS CLI v2 and the CloudWatch agent"
  dnf -y upgrade
  dnf -y install docker git jq awscli-2 amazon-cloudwatch-agent
  systemctl enable docker.service
}

install_gitlab_runner() {
  local work runner_rpm=gitlab-runner_${package_arch}.rpm helper_rpm=gitlab-runner-helper-images.rpm
  work=$(mktemp -d)
  say "downloading gitlab-runner ${GITLAB_RUNNER_VERSION} (${package_arch})"
  curl --fail --silent --show-error --location --retry 3 --output "$work/$runner_rpm" \
    "${download_base}/v${GITLAB_RUNNER_VERSION}/rpm/${runner_rpm}"
  curl --fail --silent --show-error --location --retry 3 --output "$work/$helper_rpm" \
    "${download_base}/v${GITLAB_RUNNER_VERSION}/rpm/${helper_rpm}"
  printf '%s  %s\n%s  %s\n' "$runner_sha256" "$runner_rpm" "$GITLAB_RUNNER_HELPER_IMAGES_SHA256" "$helper_rpm" \
    >"$work/SHA256SUMS"
  (cd "$work" && sha256sum --check --strict SHA256SUMS) || die "gitlab-runner packages do not match the pinned SHA-256"
  dnf -y install "$work/$helper_rpm" "$work/$runner_rpm"
  rm -rf "$work"
  # The packaged service would poll GitLab with /etc/gitlab-runner/config.toml: never let it run.
  systemctl disable --now gitlab-runner.service || true
  systemctl mask gitlab-runner.service
  rm -f /etc/gitlab-runner/config.toml
  gitlab-runner --version
}

install_bootstrap() {
  say "installing glr-bootstrap, its unit and the CloudWatch agent template"
  install -D -m 0755 "$GLR_FILES_DIR/glr-bootstrap.sh" /opt/glr/bin/glr-bootstrap
  install -D -m 0644 "$GLR_FILES_DIR/glr-bootstrap.service" /etc/systemd/system/glr-bootstrap.service
  install -D -m 0644 "$GLR_FILES_DIR/cloudwatch-agent.json" /opt/glr/etc/cloudwatch-agent.json
  install -d -m 0755 /etc/glr /var/log/glr
  printf 'GLR_DEFAULT_DOCKER_IMAGE=%s\n' "$DEFAULT_DOCKER_IMAGE" >/etc/glr/defaults.env
  chmod 0644 /etc/glr/defaults.env
  systemctl daemon-reload
  # The bootstrap starts the agent with this run's log group; it must not start with a stale config.
  systemctl disable amazon-cloudwatch-agent.service 2>/dev/null || true
}

prepull_images() {
  [[ -n "$PREPULL_IMAGES" ]] || return 0
  systemctl start docker.service
  local image
  for image in $PREPULL_IMAGES; do
    say "pre-pulling ${image}"
    docker pull --quiet "$image"
  done
}

clean_up() {
  say "removing instance-specific state"
  dnf clean all
  rm -rf /var/cache/dnf "$GLR_FILES_DIR"
  rm -f /etc/ssh/ssh_host_*
  rm -f /root/.bash_history /home/*/.bash_history
  rm -rf /home/*/.ssh/authorized_keys /root/.ssh/authorized_keys
  rm -f /var/log/glr/*
  journalctl --rotate >/dev/null 2>&1 || true
  journalctl --vacuum-time=1s >/dev/null 2>&1 || true
  find /var/log -type f \( -name '*.gz' -o -name '*.[0-9]' -o -name '*-[0-9]*' \) -delete
  find /var/log -type f -exec truncate --size 0 {} +
  cloud-init clean --logs
  # Empty machine id: systemd creates a new one on each instance's first boot.
  truncate --size 0 /etc/machine-id
}

install_os_packages
install_gitlab_runner
install_bootstrap
prepull_images
clean_up
say "done"
