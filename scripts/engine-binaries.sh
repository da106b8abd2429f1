#!/usr/bin/env bash
# Puts the pinned Kyverno and Gatekeeper into policyprobe's cache. The script itself ships inside
# the extension jar, so that the Java launcher can run the very same steps on a user's machine.
exec bash "$(dirname "$0")/../extension/src/main/resources/io/github/policyprobe/internal/engines/engine-binaries.sh" "$@"
