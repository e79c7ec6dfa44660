#!/bin/sh
# A `gitlab-runner run-single` stand-in for the EC2 instances of the dispatch benchmark (parts 4
# and 5): it takes no job and waits as an idle runner does, until its --wait-timeout ends or its
# instance is terminated (the local EC2 host then stops it with SIGTERM). Never more than 300 s,
# so that nothing outlives a benchmark run that was killed.
wait_timeout=300
while [ "$#" -gt 0 ]; do
  if [ "$1" = "--wait-timeout" ] && [ "$#" -gt 1 ] && [ "$2" -lt "$wait_timeout" ] 2>/dev/null; then
    wait_timeout=$2
  fi
  shift
done
exec sleep "$wait_timeout"
