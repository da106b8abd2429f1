#!/usr/bin/env bash
# Renders the charts policyprobe's shipped profiles and tests derive from, keeping the objects that
# make Pods and the RBAC of their service accounts. Cilium, Kyverno and Gatekeeper live in Go modules, so their charts are rendered
# for real from the module cache with the helm policyprobe provisions (helm-binary.sh); the build
# checks the committed files against a fresh render (ChartFixturesTest).
#   scripts/render-chart-fixtures.sh <output folder> [<chart source> ...]
# Longhorn's, Velero's and node-exporter's charts are not Go modules: give a checkout of each as
# longhorn=<folder>@<commit>, velero=<folder>@<commit>, node-exporter=<folder>@<commit> to render
# them too (the committed files name the commit they were rendered from).
set -euo pipefail
out="${1:?usage: render-chart-fixtures.sh <output folder>}"
here="$(cd "$(dirname "$0")" && pwd)"
helm="$(bash "$here/helm-binary.sh")"
kube_version=1.34.4
mkdir -p "$out"

module_dir() { # <module> <version>: downloads the module if needed, prints its folder
  (cd "$(mktemp -d)" && go mod download -json "$1@$2" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
}

workloads_only() { # keeps the YAML documents that make Pods, and the RBAC their service accounts get
  awk 'function flush() { if (doc ~ /\nkind: (Pod|Deployment|DaemonSet|StatefulSet|ReplicaSet|Job|CronJob|ServiceAccount|Role|ClusterRole|RoleBinding|ClusterRoleBinding)\n/) printf "---%s", doc; doc = "" }
       /^---/ { flush(); doc = "\n"; next } { doc = doc $0 "\n" } END { flush() }'
}

render() { # <fixture name> <header> <helm template arguments...>
  local name="$1" header="$2"
  shift 2
  { printf '%s\n' "$header"; "$helm" template "$@" --kube-version "$kube_version" | workloads_only; } > "$out/$name.yaml"
  echo "rendered $out/$name.yaml" >&2
}

for version in 1.19.6 1.20.2; do
  cilium="$(module_dir github.com/cilium/cilium "v$version")/install/kubernetes/cilium"
  render "cilium-$version" "# chart cilium $version (github.com/cilium/cilium v$version, install/kubernetes/cilium), default values:
# helm template cilium -n kube-system --kube-version $kube_version, workloads and RBAC" \
    cilium "$cilium" --namespace kube-system
done
render cilium-1.20.2-privileged "# chart cilium 1.20.2 (github.com/cilium/cilium v1.20.2, install/kubernetes/cilium), values
# securityContext.privileged=true: helm template cilium -n kube-system --kube-version $kube_version, workloads and RBAC" \
  cilium "$cilium" --namespace kube-system --set securityContext.privileged=true

gatekeeper="$(module_dir github.com/open-policy-agent/gatekeeper/v3 v3.23.0)/charts/gatekeeper"
render gatekeeper-3.23.0 "# chart gatekeeper 3.23.0 (github.com/open-policy-agent/gatekeeper/v3 v3.23.0, charts/gatekeeper), default values:
# helm template gatekeeper -n gatekeeper-system --kube-version $kube_version, workloads and RBAC" \
  gatekeeper "$gatekeeper" --namespace gatekeeper-system

# Kyverno's chart names three sub-charts from remote repositories; they render only CRDs (or are
# off by default), so a copy without them renders the same workloads.
kyverno_copy="$(mktemp -d)/kyverno"
cp -r "$(module_dir github.com/kyverno/kyverno v1.19.0)/charts/kyverno" "$kyverno_copy"
chmod -R u+w "$kyverno_copy"
sed -i '/^  - name: kyverno-api$/,$d' "$kyverno_copy/Chart.yaml"
render kyverno-3.9.0 "# chart kyverno 3.9.0 (github.com/kyverno/kyverno v1.19.0, charts/kyverno), default values, without the
# remote CRD sub-charts: helm template kyverno -n kyverno --kube-version $kube_version, workloads and RBAC" \
  kyverno "$kyverno_copy" --namespace kyverno

shift
for source in "$@"; do
  chart="${source#*=}"; folder="${chart%@*}"; commit="${chart##*@}"
  version="$(sed -n 's/^version: *//p' "$folder/Chart.yaml")"
  case "${source%%=*}" in
    longhorn) render "longhorn-$version" "# chart longhorn $version (github.com/longhorn/longhorn $commit, chart/), default values:
# helm template longhorn -n longhorn-system --kube-version $kube_version, workloads and RBAC" \
        longhorn "$folder" --namespace longhorn-system ;;
    velero)
      render "velero-$version" "# chart velero $version (github.com/vmware-tanzu/helm-charts $commit, charts/velero), default values:
# helm template velero -n velero --kube-version $kube_version, workloads and RBAC" \
        velero "$folder" --namespace velero
      render "velero-$version-node-agent" "# chart velero $version (github.com/vmware-tanzu/helm-charts $commit, charts/velero), values
# deployNodeAgent=true: helm template velero -n velero --kube-version $kube_version, workloads and RBAC" \
        velero "$folder" --namespace velero --set deployNodeAgent=true ;;
    node-exporter) render "prometheus-node-exporter-$version" "# chart prometheus-node-exporter $version (github.com/prometheus-community/helm-charts $commit,
# charts/prometheus-node-exporter), default values: helm template prometheus-node-exporter -n monitoring
# --kube-version $kube_version, workloads and RBAC" \
        prometheus-node-exporter "$folder" --namespace monitoring ;;
    *) echo "unknown chart source $source (longhorn=, velero= or node-exporter=)" >&2; exit 2 ;;
  esac
done
