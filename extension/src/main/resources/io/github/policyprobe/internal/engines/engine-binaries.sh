#!/usr/bin/env bash
# Puts the admission engines policyprobe can start next to the local control plane into
# its binary cache, with the files each one needs at run time:
#
#   ${POLICYPROBE_CACHE:-~/.cache/policyprobe}/engines/kyverno-<version>/
#       kyverno      the admission controller (cmd/kyverno)
#       crds/        the module's config/crds/ tree (every CRD Kyverno watches)
#       install.yaml the module's config/install-latest-testing.yaml (its Namespace and ConfigMaps)
#       SOURCE       module path, version and checksum the binary was built from
#   ${POLICYPROBE_CACHE:-~/.cache/policyprobe}/engines/gatekeeper-<version>/
#       manager      the controller manager (the module's main package)
#       gatekeeper.yaml  the module's deploy/gatekeeper.yaml (its CRDs and webhook configurations)
#       SOURCE
#
# Sources, in order: the cache itself; a build from the Go module proxy. Neither project
# publishes plain binaries, only images, so there is no download step.
#
# The script ships inside the extension jar, so that the Java launcher runs the very same steps
# on a user's machine when the cache is empty.
#
# Usage: engine-binaries.sh [kyverno|gatekeeper ...] [--print-dir]
#   (no engine named: both, one after the other)
#   POLICYPROBE_KYVERNO_VERSION     overrides the pinned Kyverno version (v1.19.x)
#   POLICYPROBE_GATEKEEPER_VERSION  overrides the pinned Gatekeeper version (v3.23.x)
set -euo pipefail

# Keep these in step with ../../versions.properties (EngineVersionsTest compares them).
KYVERNO_VERSION="${POLICYPROBE_KYVERNO_VERSION:-v1.19.0}"
GATEKEEPER_VERSION="${POLICYPROBE_GATEKEEPER_VERSION:-v3.23.0}"

KYVERNO_MODULE=github.com/kyverno/kyverno
GATEKEEPER_MODULE=github.com/open-policy-agent/gatekeeper/v3

CACHE_ROOT="${POLICYPROBE_CACHE:-$HOME/.cache/policyprobe}"
KYVERNO_DEST="$CACHE_ROOT/engines/kyverno-$KYVERNO_VERSION"
GATEKEEPER_DEST="$CACHE_ROOT/engines/gatekeeper-$GATEKEEPER_VERSION"

say() { printf '[engine-binaries %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

ENGINES=()
for arg in "$@"; do
  case "$arg" in
    kyverno | gatekeeper) ENGINES+=("$arg") ;;
    --print-dir) echo "$CACHE_ROOT/engines"; exit 0 ;;
    *) die "unknown argument '$arg' (expected kyverno, gatekeeper or --print-dir)" ;;
  esac
done
[[ ${#ENGINES[@]} -gt 0 ]] || ENGINES=(kyverno gatekeeper)

# A binary is ours when its SOURCE stamp names the pinned module version and, where Go is
# at hand, the build information inside the binary says the same. Neither engine has a
# --version flag; the version sits in its build information (main module or -X flag).
stamp_ok() { # dest module version
  [[ -f "$1/SOURCE" ]] && [[ "$(head -n 1 "$1/SOURCE")" == "$2 $3" ]]
}
buildinfo_reports() { # binary module version
  command -v go >/dev/null || return 0
  local info
  info="$(go version -m "$1" 2>/dev/null)" || return 1
  grep -qE "^[[:space:]]+mod[[:space:]]+$2[[:space:]]+$3([[:space:]]|\$)" <<<"$info" \
    || grep -qE -- "-X $2/pkg/version\.[A-Za-z]+=$3(\"|[[:space:]]|\$)" <<<"$info"
}
kyverno_ok() {
  [[ -x "$KYVERNO_DEST/kyverno" && -d "$KYVERNO_DEST/crds" && -f "$KYVERNO_DEST/install.yaml" ]] \
    && stamp_ok "$KYVERNO_DEST" "$KYVERNO_MODULE" "$KYVERNO_VERSION" \
    && buildinfo_reports "$KYVERNO_DEST/kyverno" "$KYVERNO_MODULE" "$KYVERNO_VERSION"
}
gatekeeper_ok() {
  [[ -x "$GATEKEEPER_DEST/manager" && -f "$GATEKEEPER_DEST/gatekeeper.yaml" ]] \
    && stamp_ok "$GATEKEEPER_DEST" "$GATEKEEPER_MODULE" "$GATEKEEPER_VERSION" \
    && buildinfo_reports "$GATEKEEPER_DEST/manager" "$GATEKEEPER_MODULE" "$GATEKEEPER_VERSION"
}

require_go() { # engine
  command -v go >/dev/null || die "$1: Go is not installed, and neither project publishes plain \
binaries, so $1 cannot be built. Install Go 1.26+ (both modules declare go 1.26) and rerun this script."
}

# Prints the module's folder in the module cache (read-only) and its checksum.
fetch_module() { # module version
  say "  fetching $1@$2 from the Go module proxy"
  local json dir sum
  json="$(go mod download -json "$1@$2")" || die "could not fetch $1@$2 from the Go module proxy"
  dir="$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\?$/\1/p' <<<"$json")"
  sum="$(sed -n 's/^[[:space:]]*"Sum": "\(.*\)",\?$/\1/p' <<<"$json")"
  [[ -d "$dir" ]] || die "the Go module proxy returned no folder for $1@$2"
  printf '%s %s\n' "$dir" "$sum"
}

# Kyverno's go.mod has a replace directive, which `go install module@version` refuses, so
# it is built inside a writable copy of the module, exactly as its own Makefile does.
build_kyverno() {
  local work="$1" src dir sum fetched
  fetched="$(fetch_module "$KYVERNO_MODULE" "$KYVERNO_VERSION")" || exit 1
  read -r dir sum <<<"$fetched"
  src="$work/kyverno-src"
  cp -r "$dir" "$src" && chmod -R u+w "$src"
  say "  compiling ./cmd/kyverno (a cold build takes several minutes on 2 cores; progress is quiet)"
  # No -trimpath here: it drops -ldflags from the build information, and the -X version flag
  # is the only record of the version a build from a module copy carries.
  (cd "$src" && CGO_ENABLED=0 go build -o "$work/kyverno" \
    -ldflags "-s -w -X $KYVERNO_MODULE/pkg/version.BuildVersion=$KYVERNO_VERSION" ./cmd/kyverno) \
    || die "kyverno: the Go build failed (see the output above)"
  rm -rf "$work/crds" && cp -r "$src/config/crds" "$work/crds"
  mkdir -p "$KYVERNO_DEST"
  rm -rf "$KYVERNO_DEST/crds" && mv "$work/crds" "$KYVERNO_DEST/crds"
  cp "$src/config/install-latest-testing.yaml" "$KYVERNO_DEST/install.yaml"
  mv "$work/kyverno" "$KYVERNO_DEST/kyverno"
  printf '%s %s\n%s\n' "$KYVERNO_MODULE" "$KYVERNO_VERSION" "$sum" >"$KYVERNO_DEST/SOURCE"
}

# Gatekeeper has no replace directives and its main package is the module root.
build_gatekeeper() {
  local work="$1" dir sum fetched
  fetched="$(fetch_module "$GATEKEEPER_MODULE" "$GATEKEEPER_VERSION")" || exit 1
  read -r dir sum <<<"$fetched"
  say "  compiling $GATEKEEPER_MODULE (a cold build takes several minutes on 2 cores; progress is quiet)"
  GOBIN="$work/bin" CGO_ENABLED=0 go install -trimpath \
    -ldflags "-s -w -X $GATEKEEPER_MODULE/pkg/version.Version=$GATEKEEPER_VERSION" \
    "$GATEKEEPER_MODULE@$GATEKEEPER_VERSION" || die "gatekeeper: the Go build failed (see the output above)"
  mkdir -p "$GATEKEEPER_DEST"
  cp "$dir/deploy/gatekeeper.yaml" "$GATEKEEPER_DEST/gatekeeper.yaml" && chmod u+w "$GATEKEEPER_DEST/gatekeeper.yaml"
  mv "$work/bin/gatekeeper" "$GATEKEEPER_DEST/manager"
  printf '%s %s\n%s\n' "$GATEKEEPER_MODULE" "$GATEKEEPER_VERSION" "$sum" >"$GATEKEEPER_DEST/SOURCE"
}

obtain() { # engine version ok-check build
  local engine="$1" version="$2" ok="$3" build="$4" start=$SECONDS
  if "$ok"; then say "cached: $engine $version"; return; fi
  require_go "$engine"
  say "building $engine $version with $(go version | cut -d' ' -f3)"
  local work
  work="$(mktemp -d "${TMPDIR:-/tmp}/policyprobe-$engine.XXXXXX")"
  # shellcheck disable=SC2064 # expand now: each engine has its own scratch folder
  trap "rm -rf '$work'" EXIT
  "$build" "$work"
  rm -rf "$work"
  trap - EXIT
  "$ok" || die "$engine: the built binary in $CACHE_ROOT/engines/$engine-$version does not report \
$version in its build information (see: go version -m <binary>)"
  say "$engine $version: built in $((SECONDS - start)) s"
}

for engine in "${ENGINES[@]}"; do
  case "$engine" in
    kyverno) obtain kyverno "$KYVERNO_VERSION" kyverno_ok build_kyverno ;;
    gatekeeper) obtain gatekeeper "$GATEKEEPER_VERSION" gatekeeper_ok build_gatekeeper ;;
  esac
done
say "ready: ${ENGINES[*]} in $CACHE_ROOT/engines"
