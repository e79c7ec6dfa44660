#!/usr/bin/env bash
# Writes the AMI id of one build of the last `packer build` run to an SSM parameter of data type
# aws:ec2:image, which the AutoScaler's launch template reads through `resolve:ssm:` at every launch
# (no redeploy for a new AMI). Run by runner.pkr.hcl's post-processor after the manifest is written;
# does nothing when the parameter name is empty.
#
# Usage: publish-ami-id.sh MANIFEST BUILD_NAME PARAMETER_NAME
set -Eeuo pipefail

(($# == 3)) || {
  echo "usage: publish-ami-id.sh MANIFEST BUILD_NAME PARAMETER_NAME" >&2
  exit 2
}
manifest=$1 build_name=$2 parameter=$3

if [[ -z "$parameter" ]]; then
  echo "publish-ami-id: no parameter name given (variable ami_id_parameter_prefix is empty): skipped"
  exit 0
fi
[[ "$parameter" =~ ^/[A-Za-z0-9_./-]+$ ]] || {
  echo "publish-ami-id: parameter name '$parameter' must be an absolute SSM path such as /gitlabrunner/ami-id/x86_64" >&2
  exit 2
}

artifact=$(jq -r --arg name "$build_name" \
  '.last_run_uuid as $run | [.builds[] | select(.packer_run_uuid == $run and (.name == $name or (.name | endswith("." + $name))))] | last | .artifact_id // empty' \
  "$manifest")
# amazon-ebs artifact ids are "<region>:<ami id>" (one pair per region the AMI was copied to).
first=${artifact%%,*}
region=${first%%:*}
ami_id=${first#*:}
[[ "$ami_id" =~ ^ami-[0-9a-f]{8,17}$ && -n "$region" ]] || {
  echo "publish-ami-id: no AMI for build '$build_name' in the last run recorded in $manifest" >&2
  exit 1
}

aws ssm put-parameter --region "$region" --name "$parameter" --type String --data-type aws:ec2:image \
  --value "$ami_id" --overwrite >/dev/null
echo "publish-ami-id: ${parameter} = ${ami_id} (${region})"
