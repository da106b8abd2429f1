#!/usr/bin/env bash
# A stand-in provisioning script for BundledScriptTest.
echo "cache=$POLICYPROBE_CACHE version=$SOME_VERSION args=$* mirror=${POLICYPROBE_MIRROR:-none}"
[[ "$1" == fail ]] && { echo "it went wrong" >&2; exit 3; }
exit 0
