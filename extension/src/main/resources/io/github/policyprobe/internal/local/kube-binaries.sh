#!/usr/bin/env bash
# Puts kube-apiserver and etcd of the pinned versions into policyprobe's binary cache,
# where the Java launcher looks for them:
#
#   ${POLICYPROBE_CACHE:-~/.cache/policyprobe}/k8s/<kubernetes version>/{kube-apiserver,etcd}
#
# Sources, in order: the cache itself; release downloads (kube-apiserver: the Kubernetes
# release on Linux, then controller-tools' envtest archives, which also cover macOS; etcd: the
# etcd release), each checked against its published checksum; a build from Go modules (for
# machines that reach a Go module proxy but not the release servers).
#
# Usage: kube-binaries.sh [--print-dir]
#   POLICYPROBE_K8S_VERSION   the Kubernetes release (default: the pinned one)
#   POLICYPROBE_ETCD_VERSION  the etcd release (default: the one that Kubernetes minor runs with)
#   POLICYPROBE_MIRROR=<url>  fetches https://<host>/<path> as <url>/<host>/<path> instead
#   POLICYPROBE_NO_DOWNLOAD=1 skips the release downloads and builds from Go modules
#   POLICYPROBE_NO_BUILD=1    never builds: a failed download is the end
set -euo pipefail

# Keep these in step with ../../versions.properties (VersionsTest compares them): the default
# release, and per Kubernetes minor the etcd release it runs with.
K8S_VERSION="${POLICYPROBE_K8S_VERSION:-v1.36.3}"
case "$K8S_VERSION" in
  v1.34.*) DEFAULT_ETCD=v3.6.16 ;;
  v1.35.*) DEFAULT_ETCD=v3.6.16 ;;
  v1.36.*) DEFAULT_ETCD=v3.6.16 ;;
  v1.37.*) DEFAULT_ETCD=v3.7.3 ;;
  *) DEFAULT_ETCD="" ;;
esac
ETCD_VERSION="${POLICYPROBE_ETCD_VERSION:-$DEFAULT_ETCD}"
if [[ -z "$ETCD_VERSION" ]]; then
  echo "kube-binaries: Kubernetes $K8S_VERSION is of a minor whose etcd policyprobe does not know (1.34 to 1.37);" \
    "set POLICYPROBE_ETCD_VERSION to the etcd release it runs with" >&2
  exit 1
fi

CACHE_ROOT="${POLICYPROBE_CACHE:-$HOME/.cache/policyprobe}"
DEST="$CACHE_ROOT/k8s/$K8S_VERSION"
ARCH="$(uname -m)"
case "$ARCH" in
  x86_64 | amd64) ARCH=amd64 ;;
  aarch64 | arm64) ARCH=arm64 ;;
  *) echo "kube-binaries: unsupported machine architecture $ARCH (amd64 and arm64 are)" >&2; exit 1 ;;
esac
OS="$(uname -s)"
case "$OS" in
  Linux) OS=linux ;;
  Darwin) OS=darwin ;;
  *) echo "kube-binaries: unsupported operating system $OS (Linux and macOS are)" >&2; exit 1 ;;
esac
MIRROR="${POLICYPROBE_MIRROR:-}"

if [[ "${1:-}" == "--print-dir" ]]; then
  echo "$DEST"
  exit 0
fi

# Progress goes to the terminal (fd 3) even while a step's stderr is captured for its reason.
exec 3>&2
say() { printf '[kube-binaries %s] %s\n' "$(date +%H:%M:%S)" "$*" >&3; }
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
# Nothing half-written stays behind: binaries enter the cache by rename once verified, and a
# cache folder left empty by a failure is removed.
trap 'rm -rf "$WORK"; rm -f "$DEST"/.*.partial; rmdir "$DEST" "${DEST%/*}" 2>/dev/null || true' EXIT

# --- b. release downloads -------------------------------------------------------------------
# Each function reports why it failed on its last line of stderr; obtain() quotes that line.

# With a mirror, https://<host>/<path> is fetched as <mirror>/<host>/<path>.
via_mirror() {
  if [[ -n "$MIRROR" ]]; then echo "${MIRROR%/}/${1#https://}"; else echo "$1"; fi
}

download() { # url file
  local from
  from="$(via_mirror "$1")"
  say "downloading $from"
  if ! curl -fsSL --connect-timeout 10 --max-time 600 --retry 1 -o "$2" "$from" 2>"$2.curl"; then
    echo "could not download $from: $(tail -n 1 "$2.curl")" >&2
    rm -f "$2"
    return 1
  fi
}

digest() { # bits file (sha256sum/sha512sum on Linux, shasum on macOS)
  if command -v "sha$1sum" >/dev/null; then "sha$1sum" "$2"; else shasum -a "$1" "$2"; fi | cut -d' ' -f1
}

verify() { # bits file expected-hex what
  local actual
  actual="$(digest "$1" "$2")"
  if [[ "$actual" != "$3" ]]; then
    echo "$4: sha$1 mismatch: expected $3, got $actual" >&2
    return 1
  fi
}

# Into the cache by rename inside the cache folder, so a reader sees all of a binary or none.
install_binary() { # file name
  chmod +x "$1"
  mv "$1" "$DEST/.$2.partial" && mv -f "$DEST/.$2.partial" "$DEST/$2"
}

download_apiserver_release() {
  [[ "$OS" == linux ]] || { echo "Kubernetes publishes kube-apiserver for Linux only" >&2; return 1; }
  local url="https://dl.k8s.io/release/$K8S_VERSION/bin/linux/$ARCH/kube-apiserver"
  download "$url" "$WORK/kube-apiserver" && download "$url.sha256" "$WORK/kube-apiserver.sha256" || return 1
  verify 256 "$WORK/kube-apiserver" "$(tr -d '[:space:]' <"$WORK/kube-apiserver.sha256")" "$(via_mirror "$url")" || return 1
  install_binary "$WORK/kube-apiserver" kube-apiserver
}

# controller-tools publishes kube-apiserver, etcd and kubectl per Kubernetes release for Linux
# and macOS, listed with sha512 sums in envtest-releases.yaml (setup-envtest reads the same).
ENVTEST_INDEX="https://raw.githubusercontent.com/kubernetes-sigs/controller-tools/main/envtest-releases.yaml"
download_apiserver_envtest() {
  local name="envtest-$K8S_VERSION-$OS-$ARCH.tar.gz" entry hash url
  download "$ENVTEST_INDEX" "$WORK/envtest-releases.yaml" || return 1
  entry="$(grep -A2 -xF "    $name:" "$WORK/envtest-releases.yaml" || true)"
  hash="$(sed -n 's/^ *hash: *\([0-9a-f]\{128\}\) *$/\1/p' <<<"$entry")"
  url="$(sed -n 's/^ *selfLink: *\(https:[^ ]*\) *$/\1/p' <<<"$entry")"
  if [[ -z "$entry" ]]; then
    echo "envtest-releases.yaml lists no $name (envtest is published for some patch releases only)" >&2
    return 1
  fi
  [[ -n "$hash" && -n "$url" ]] || { echo "envtest-releases.yaml: the entry $name lacks a sha512 hash or selfLink" >&2; return 1; }
  download "$url" "$WORK/$name" || return 1
  verify 512 "$WORK/$name" "$hash" "$(via_mirror "$url")" || return 1
  mkdir -p "$WORK/envtest"
  if ! tar -xzf "$WORK/$name" -C "$WORK/envtest" controller-tools/envtest/kube-apiserver 2>"$WORK/tar.log"; then
    echo "$(via_mirror "$url"): no controller-tools/envtest/kube-apiserver in it ($(tail -n 1 "$WORK/tar.log"))" >&2
    return 1
  fi
  install_binary "$WORK/envtest/controller-tools/envtest/kube-apiserver" kube-apiserver
}

download_apiserver() {
  download_apiserver_release 2>>"$WORK/kube-apiserver.release.log" && return 0
  say "kube-apiserver: no release binary ($(tail -n 1 "$WORK/kube-apiserver.release.log")); trying the envtest archive"
  download_apiserver_envtest
}

# etcd publishes tar.gz archives for Linux and zip archives for macOS, with one SHA256SUMS.
download_etcd() {
  local ext=tar.gz
  [[ "$OS" == darwin ]] && ext=zip
  local name="etcd-$ETCD_VERSION-$OS-$ARCH"
  local base="https://github.com/etcd-io/etcd/releases/download/$ETCD_VERSION"
  download "$base/$name.$ext" "$WORK/$name.$ext" && download "$base/SHA256SUMS" "$WORK/SHA256SUMS" || return 1
  local expected
  expected="$(awk -v f="$name.$ext" '$2 == f { print $1 }' "$WORK/SHA256SUMS")"
  [[ -n "$expected" ]] || { echo "$(via_mirror "$base/SHA256SUMS") lists no $name.$ext" >&2; return 1; }
  verify 256 "$WORK/$name.$ext" "$expected" "$(via_mirror "$base/$name.$ext")" || return 1
  if [[ "$ext" == zip ]]; then
    unzip -q -o "$WORK/$name.zip" "$name/etcd" -d "$WORK" 2>"$WORK/unpack.log"
  else
    tar -xzf "$WORK/$name.tar.gz" -C "$WORK" "$name/etcd" 2>"$WORK/unpack.log"
  fi || { echo "$(via_mirror "$base/$name.$ext"): no $name/etcd in it ($(tail -n 1 "$WORK/unpack.log"))" >&2; return 1; }
  install_binary "$WORK/$name/etcd" etcd
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
  install_binary "$WORK/kube-apiserver" kube-apiserver
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
  install_binary "$WORK/etcd-bin" etcd
  cd - >/dev/null
}

obtain() { # name ok-check download build
  local name="$1" ok="$2" fetch="$3" build="$4" start=$SECONDS why
  if "$ok" "$DEST/$name"; then say "cached: $name"; return; fi
  if [[ "${POLICYPROBE_NO_DOWNLOAD:-}" == 1 ]]; then
    why="downloads are off (POLICYPROBE_NO_DOWNLOAD=1)"
  elif "$fetch" 2>"$WORK/$name.download.log"; then
    if "$ok" "$DEST/$name"; then
      say "$name: downloaded in $((SECONDS - start)) s"
      return
    fi
    why="the downloaded binary does not report the pinned version ($("$DEST/$name" --version 2>&1 | head -n 1))"
    rm -f "$DEST/$name"
  else
    why="$(tail -n 1 "$WORK/$name.download.log")"
  fi
  if [[ "${POLICYPROBE_NO_BUILD:-}" == 1 ]]; then
    die "$name: $why; not building it from Go modules (POLICYPROBE_NO_BUILD=1)"
  fi
  say "$name: release download unavailable ($why); falling back to a Go build"
  command -v go >/dev/null || die "$name: $why, and Go is not installed, so it cannot be built either. Install Go 1.24+ or put the binary into $DEST"
  "$build" || die "$name: the Go build failed (see the output above)"
  "$ok" "$DEST/$name" || die "$name: the built binary does not report the pinned version ($("$DEST/$name" --version 2>&1 | head -n 1))"
  say "$name: built in $((SECONDS - start)) s"
}

obtain etcd etcd_ok download_etcd build_etcd
obtain kube-apiserver apiserver_ok download_apiserver build_apiserver
say "ready: $("$DEST/kube-apiserver" --version), etcd $ETCD_VERSION in $DEST"
