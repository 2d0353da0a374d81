#!/usr/bin/env bash
# Installs, from Debian's registry only, whatever glomers needs that this machine lacks.
# Idempotent: does nothing (and needs no network) when everything is present.
set -euo pipefail
packages=(
  bazel-bootstrap        # Bazel 4.2.3
  bazel-rules-cc         # rules_cc 0.0.4, adapted in third_party/bazel/debian.bzl
  bazel-rules-java       # Bazel 4.2.3 registers Java toolchains: @rules_java must resolve
  g++
  python3                # runs the Python test node (a node in another language)
  libboost1.81-dev
  libboost-json1.81-dev
  libboost-test1.81-dev
)
# Only for the manual libFuzzer target (tools/libfuzzer.sh, //tests/fuzz:json_libfuzzer); CI needs no clang.
if [ "${GLOMERS_FUZZ:-0}" = 1 ]; then
  packages+=(clang-14 libclang-rt-14-dev)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "glomers: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
