#!/usr/bin/env bash
# Prints the path of policyprobe's helm, building it from its Go module into the cache first if
# it is missing (about 4 minutes once; the Go module proxy serves helm.sh/helm/v4).
exec bash "$(dirname "$0")/../extension/src/main/resources/io/github/policyprobe/internal/helm/helm-binary.sh" "$@"
