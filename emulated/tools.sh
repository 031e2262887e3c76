#!/usr/bin/env bash
# npm run tools: build the emulated cluster's tools (DESIGN.md §4a) from their Go modules at pinned versions and
# link them into the git-ignored .tools/bin. Idempotent: a tool whose stamp matches its pinned version is not
# rebuilt. Builds happen in a user-level cache (outside the clone) so that a fresh clone on the same machine only
# relinks: Go's own module and build caches stay where Go keeps them (~/go/pkg/mod, ~/.cache/go-build).
#
# k6 is AGPL: it is never built or vendored here (tests use the k6 stand-in, users install real k6).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cache=${SCALELAB_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/scalelab-tools}
bin="$root/.tools/bin"
mkdir -p "$cache/bin" "$cache/stamps" "$cache/build" "$bin"
export GOFLAGS=${GOFLAGS:--buildvcs=false}
export GOTOOLCHAIN=local

# Pinned versions. The Pulumi CLI matches @pulumi/pulumi in package.json; the Node.js language host exists on the
# module proxy only at v3.68.0; the kubernetes provider only as a commit between SDK 4.24.0 and 4.24.1.
PULUMI_VERSION=v3.248.0
LANGHOST_VERSION=v3.68.0
K8S_PROVIDER_VERSION=v4.0.0-20260115033456-f47bc2d6f199
KUBERNETES_VERSION=v1.37.2
KUBERNETES_STAGING_VERSION=v0.37.2
KWOK_VERSION=v0.8.0
ETCD_VERSION=v3.7.0

only=${1:-all}
total_start=$(date +%s)
log() { printf '[tools] %s\n' "$*" >&2; }

# fresh NAME VERSION: true when the cached binary NAME was built at VERSION.
fresh() { [ -x "$cache/bin/$1" ] && [ "$(cat "$cache/stamps/$1" 2>/dev/null)" = "$2" ]; }
stamp() { printf '%s\n' "$2" >"$cache/stamps/$1"; }
want() { [ "$only" = all ] || [ "$only" = "$1" ]; }

# wrapper DIR MODULE-LINES...: a throwaway go.mod for building a tool whose own go.mod has replace lines.
wrapper() {
  local dir=$1; shift
  mkdir -p "$dir"
  printf 'module scalelab.local/tools/%s\n\ngo 1.26\n\n%s\n' "$(basename "$dir")" "$*" >"$dir/go.mod"
}

timed() { # NAME VERSION COMMAND...
  local name=$1 version=$2; shift 2
  if fresh "$name" "$version"; then log "$name $version: up to date"; return; fi
  local start; start=$(date +%s)
  log "$name $version: building (cold builds take minutes; see README)"
  "$@"
  stamp "$name" "$version"
  log "$name $version: built in $(( $(date +%s) - start )) s"
}

build_pulumi() {
  local w="$cache/build/pulumi"
  wrapper "$w" "require github.com/pulumi/pulumi/pkg/v3 $PULUMI_VERSION
replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e"
  (cd "$w" && go get "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@$PULUMI_VERSION" &&
    go build -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION" \
      -o "$cache/bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
}

build_langhost() {
  local w="$cache/build/pulumi-language-nodejs"
  wrapper "$w" "require github.com/pulumi/pulumi/sdk/v3 $LANGHOST_VERSION
replace golang.org/x/text => golang.org/x/text v0.3.6"
  (cd "$w" && go get "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs@$LANGHOST_VERSION" &&
    go build -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$LANGHOST_VERSION" \
      -o "$cache/bin/pulumi-language-nodejs-3.68" github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs)
}

build_k8s_provider() {
  local w="$cache/build/pulumi-resource-kubernetes"
  local mod="github.com/pulumi/pulumi-kubernetes/provider/v4"
  mkdir -p "$w"
  local src
  src=$(cd "$w" && GOFLAGS=-mod=mod go mod download -json "$mod@$K8S_PROVIDER_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  # The embedded schema files are generated (absent from the module zip): copy the module, generate them.
  rm -rf "$w/provider-src" && cp -r "$src" "$w/provider-src" && chmod -R u+w "$w/provider-src"
  (cd "$w/provider-src/cmd/pulumi-resource-kubernetes" && VERSION="${K8S_PROVIDER_VERSION#v}" go run -mod=mod ./generate.go)
  wrapper "$w" "require $mod $K8S_PROVIDER_VERSION
replace $mod => ./provider-src"
  (cd "$w" && go get "$mod/cmd/pulumi-resource-kubernetes" &&
    go build -ldflags "-X $mod/pkg/version.Version=${K8S_PROVIDER_VERSION#v}" \
      -o "$cache/bin/pulumi-resource-kubernetes" "$mod/cmd/pulumi-resource-kubernetes")
}

build_kubernetes() {
  local w="$cache/build/kubernetes"
  local gomod
  mkdir -p "$w"
  gomod=$(cd "$w" && GOFLAGS=-mod=mod go mod download -json "k8s.io/kubernetes@$KUBERNETES_VERSION" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p')
  local replaces
  replaces=$(grep -E '^\s+k8s\.io/[a-z0-9-]+ v0\.0\.0$' "$gomod" | awk -v v="$KUBERNETES_STAGING_VERSION" '{print "replace " $1 " => " $1 " " v}')
  wrapper "$w" "require k8s.io/kubernetes $KUBERNETES_VERSION
$replaces"
  cat >"$w/tools.go" <<'GO'
//go:build tools

package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
	_ "k8s.io/kubernetes/cmd/kubectl"
)
GO
  local minor=${KUBERNETES_VERSION#v1.}; minor=${minor%%.*}
  local ld="-X k8s.io/component-base/version.gitVersion=$KUBERNETES_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$minor"
  (cd "$w" && for c in kube-apiserver kube-controller-manager kube-scheduler kubectl; do go get "k8s.io/kubernetes/cmd/$c@$KUBERNETES_VERSION"; done &&
    for c in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
      go build -ldflags "$ld" -o "$cache/bin/$c" "k8s.io/kubernetes/cmd/$c"
    done)
}

build_kwok() { GOBIN="$cache/bin" go install "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"; }

build_etcd() {
  local w="$cache/build/etcd"
  wrapper "$w" "require go.etcd.io/etcd/server/v3 $ETCD_VERSION"
  (cd "$w" && go get "go.etcd.io/etcd/server/v3@$ETCD_VERSION" && go build -o "$cache/bin/etcd" go.etcd.io/etcd/server/v3)
}

want kwok && timed kwok "$KWOK_VERSION" build_kwok
want etcd && timed etcd "$ETCD_VERSION" build_etcd
want pulumi-language-nodejs && timed pulumi-language-nodejs-3.68 "$LANGHOST_VERSION" build_langhost
want kubernetes && timed kubectl "$KUBERNETES_VERSION" build_kubernetes
want pulumi && timed pulumi "$PULUMI_VERSION" build_pulumi
want pulumi-resource-kubernetes && timed pulumi-resource-kubernetes "$K8S_PROVIDER_VERSION" build_k8s_provider

# Link into .tools/bin; our own stand-ins (command provider, multipass, k6, language-host shim) come from emulated/bin.
for f in "$cache/bin"/*; do ln -sf "$f" "$bin/$(basename "$f")"; done
if [ -d "$root/emulated/bin" ]; then
  for f in "$root/emulated/bin"/*; do ln -sf "$f" "$bin/$(basename "$f")"; done
fi
log "tools in $bin ($(( $(date +%s) - total_start )) s in all):"
for t in pulumi kube-apiserver kube-controller-manager kube-scheduler kubectl kwok etcd pulumi-resource-kubernetes pulumi-language-nodejs-3.68; do
  if [ -x "$bin/$t" ]; then log "  $t $(cat "$cache/stamps/$t" 2>/dev/null || echo '(built with kubernetes)')"; else log "  $t: MISSING"; fi
done
