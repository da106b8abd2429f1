#!/usr/bin/env bash
# Puts helm into policyprobe's cache and prints its path. helm builds from its Go module, so this
# needs Go and a Go module proxy (GOPROXY, as go itself is configured), not a release download.
#   POLICYPROBE_HELM_VERSION  the helm.sh/helm/v4 version (default v4.3.2)
#   POLICYPROBE_CACHE         the cache root (default ~/.cache/policyprobe)
set -euo pipefail
version="${POLICYPROBE_HELM_VERSION:-v4.3.2}"
cache="${POLICYPROBE_CACHE:-$HOME/.cache/policyprobe}"
folder="$cache/helm/$version"
if [ ! -x "$folder/helm" ]; then
  command -v go >/dev/null || { echo "helm $version is not in $folder and there is no go to build it" >&2; exit 1; }
  echo "building helm $version from its Go module into $folder (a few minutes, once)" >&2
  mkdir -p "$folder"
  partial="$(mktemp -d "$folder.XXXXXX")"
  GOBIN="$partial" GOFLAGS=-buildvcs=false go install "helm.sh/helm/v4/cmd/helm@$version" >&2
  mv "$partial/helm" "$folder/helm"
  rmdir "$partial"
fi
echo "$folder/helm"
