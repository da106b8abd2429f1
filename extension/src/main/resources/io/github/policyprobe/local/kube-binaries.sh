#!/usr/bin/env bash
# Puts kube-apiserver and etcd of the pinned versions into policyprobe's binary cache,
# where the Java launcher looks for them:
#
#   ${POLICYPROBE_CACHE:-~/.cache/policyprobe}/k8s/<kubernetes version>/{kube-apiserver,etcd}
#
# Sources, in order: the cache itself; the official release binaries; a build from Go
# modules (for machines that reach a Go module proxy but not the release servers).
#
# Usage: kube-binaries.sh [--print-dir]
#   POLICYPROBE_K8S_VERSION   overrides the pinned Kubernetes version (v1.34.x)
#   POLICYPROBE_ETCD_VERSION  overrides the pinned etcd version (v3.6.x)
#   POLICYPROBE_NO_DOWNLOAD=1 skips the release download and builds from Go modules
set -euo pipefail

# Keep these in step with ../versions.properties (VersionsTest compares them).
K8S_VERSION="${POLICYPROBE_K8S_VERSION:-v1.34.4}"
ETCD_VERSION="${POLICYPROBE_ETCD_VERSION:-v3.6.16}"

CACHE_ROOT="${POLICYPROBE_CACHE:-$HOME/.cache/policyprobe}"
DEST="$CACHE_ROOT/k8s/$K8S_VERSION"
ARCH="$(uname -m)"
case "$ARCH" in
  x86_64) ARCH=amd64 ;;
  aarch64 | arm64) ARCH=arm64 ;;
  *) echo "kube-binaries: unsupported machine architecture $ARCH" >&2; exit 1 ;;
esac

if [[ "${1:-}" == "--print-dir" ]]; then
  echo "$DEST"
  exit 0
fi

say() { printf '[kube-binaries %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

# Each binary must report exactly the pinned version, or it is not ours.
apiserver_ok() { [[ -x "$1" ]] && [[ "$("$1" --version 2>/dev/null)" == "Kubernetes $K8S_VERSION" ]]; }
# (Output captured first: grep -q closing the pipe early would fail the check under pipefail.)
etcd_ok() {
  [[ -x "$1" ]] || return 1
  local out
  out="$("$1" --version 2>/dev/null)" || return 1
  grep -qx "etcd Version: ${ETCD_VERSION#v}" <<<"$out"
}

ready() { apiserver_ok "$DEST/kube-apiserver" && etcd_ok "$DEST/etcd"; }

if ready; then
  say "cached: kube-apiserver $K8S_VERSION and etcd $ETCD_VERSION in $DEST"
  exit 0
fi

mkdir -p "$DEST"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/policyprobe-binaries.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# --- b. official release binaries -------------------------------------------------------
download() { # url file
  curl -fsSL --connect-timeout 10 --max-time 600 --retry 1 -o "$2" "$1"
}

download_apiserver() {
  local url="https://dl.k8s.io/release/$K8S_VERSION/bin/linux/$ARCH/kube-apiserver"
  say "downloading $url"
  download "$url" "$WORK/kube-apiserver" && download "$url.sha256" "$WORK/kube-apiserver.sha256" || return 1
  echo "$(cat "$WORK/kube-apiserver.sha256")  $WORK/kube-apiserver" | sha256sum --check --quiet || return 1
  chmod +x "$WORK/kube-apiserver" && mv "$WORK/kube-apiserver" "$DEST/kube-apiserver"
}

download_etcd() {
  local name="etcd-$ETCD_VERSION-linux-$ARCH"
  local base="https://github.com/etcd-io/etcd/releases/download/$ETCD_VERSION"
  say "downloading $base/$name.tar.gz"
  download "$base/$name.tar.gz" "$WORK/etcd.tar.gz" && download "$base/SHA256SUMS" "$WORK/SHA256SUMS" || return 1
  (cd "$WORK" && grep " $name.tar.gz\$" SHA256SUMS | sed "s| $name.tar.gz\$| etcd.tar.gz|" | sha256sum --check --quiet) || return 1
  tar -xzf "$WORK/etcd.tar.gz" -C "$WORK" "$name/etcd" && mv "$WORK/$name/etcd" "$DEST/etcd"
}

# --- c. build from Go modules -----------------------------------------------------------
# k8s.io/kubernetes replaces every staging module (k8s.io/api, ...) with a local path, so
# `go install` refuses it. A throwaway module that requires it and points each staging
# module at its published v0.x twin builds the very same source.
build_apiserver() {
  local minor="${K8S_VERSION#v1.}"; minor="${minor%%.*}"
  local staging="v0.${K8S_VERSION#v1.}"
  local mod="$WORK/apiserver"
  mkdir -p "$mod" && cd "$mod"
  say "building kube-apiserver $K8S_VERSION from Go modules (a cold build took about 5 minutes on 2 cores)"
  go mod init policyprobe.local/kube-apiserver-build >/dev/null 2>&1
  say "  fetching k8s.io/kubernetes@$K8S_VERSION"
  local upstream
  upstream="$(go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\?$/\1/p')"
  [[ -f "$upstream" ]] || die "could not fetch k8s.io/kubernetes@$K8S_VERSION from the Go module proxy"
  # Every `k8s.io/<m> => ./staging/...` line of the release's go.mod becomes a versioned replace.
  local modules
  modules="$(sed -n 's|^[[:space:]]*\(k8s.io/[a-z0-9-]*\) => ./staging/.*|\1|p' "$upstream")"
  [[ -n "$modules" ]] || die "found no staging modules in $upstream"
  for m in $modules; do go mod edit -replace "$m=$m@$staging"; done
  say "  $(wc -w <<<"$modules") staging modules pinned to $staging; resolving dependencies"
  go get "k8s.io/kubernetes/cmd/kube-apiserver@$K8S_VERSION" >/dev/null 2>&1 \
    || go get "k8s.io/kubernetes/cmd/kube-apiserver@$K8S_VERSION"
  say "  compiling (progress is quiet here; the Go build cache makes a rerun fast)"
  local pkg=k8s.io/component-base/version
  CGO_ENABLED=0 go build -trimpath -o "$WORK/kube-apiserver" -ldflags "-s -w \
    -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor \
    -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z" \
    k8s.io/kubernetes/cmd/kube-apiserver
  mv "$WORK/kube-apiserver" "$DEST/kube-apiserver"
  cd - >/dev/null
}

# etcd's own main module replaces its sibling modules with local paths too; its server
# module exports the entry point, so a two-line main package builds the same binary.
build_etcd() {
  local mod="$WORK/etcd"
  mkdir -p "$mod" && cd "$mod"
  say "building etcd $ETCD_VERSION from Go modules"
  go mod init policyprobe.local/etcd-build >/dev/null 2>&1
  cat >main.go <<'EOF'
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
EOF
  go get "go.etcd.io/etcd/server/v3@$ETCD_VERSION" >/dev/null 2>&1 || go get "go.etcd.io/etcd/server/v3@$ETCD_VERSION"
  go mod tidy >/dev/null 2>&1 || go mod tidy
  CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$WORK/etcd-bin" .
  mv "$WORK/etcd-bin" "$DEST/etcd"
  cd - >/dev/null
}

obtain() { # name ok-check download build
  local name="$1" ok="$2" fetch="$3" build="$4" start=$SECONDS
  if "$ok" "$DEST/$name"; then say "cached: $name"; return; fi
  if [[ "${POLICYPROBE_NO_DOWNLOAD:-}" != 1 ]] && "$fetch" 2>"$WORK/$name.download.log" && "$ok" "$DEST/$name"; then
    say "$name: downloaded in $((SECONDS - start)) s"
    return
  fi
  [[ "${POLICYPROBE_NO_DOWNLOAD:-}" == 1 ]] || say "$name: release download unavailable ($(tail -n 1 "$WORK/$name.download.log" 2>/dev/null)); falling back to a Go build"
  command -v go >/dev/null || die "$name: the release download failed and Go is not installed, so it cannot be built either. Install Go 1.24+ or put the binary into $DEST"
  "$build" || die "$name: the Go build failed (see the output above)"
  "$ok" "$DEST/$name" || die "$name: the built binary does not report the pinned version ($("$DEST/$name" --version 2>&1 | head -n 1))"
  say "$name: built in $((SECONDS - start)) s"
}

obtain etcd etcd_ok download_etcd build_etcd
obtain kube-apiserver apiserver_ok download_apiserver build_apiserver
say "ready: $("$DEST/kube-apiserver" --version), etcd $ETCD_VERSION in $DEST"
