#!/usr/bin/env bash
# Builds the kernel drop watch's eBPF object (src/Reach.Probes/Bpf/dropwatch.bpf.c) into OUT_DIR:
#   vmlinux.h           every type of the running kernel, from its BTF (bpftool btf dump ... format c);
#                       2.8 MB, generated here and never committed
#   dropwatch.bpf.o     clang -O2 -g -target bpf, then DWARF stripped (llvm-strip -g keeps .BTF and
#                       .BTF.ext, which libbpf needs for CO-RE: the object loads on other kernels too)
# Reach.Probes.csproj runs it before compiling and embeds the object in the assembly, so the
# NativeAOT binary carries it (one file to deploy). Needs clang, llvm (llvm-strip), bpftool,
# libbpf-dev (bpf_helpers.h) and a kernel with BTF (/sys/kernel/btf/vmlinux); scripts/install-deps.sh
# installs the packages.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: build-bpf.sh OUT_DIR}
src=$here/src/Reach.Probes/Bpf/dropwatch.bpf.c
btf=${REACH_BTF:-/sys/kernel/btf/vmlinux}
mkdir -p "$out"

for tool in clang llvm-strip bpftool; do
  command -v "$tool" >/dev/null || { echo "build-bpf: $tool is missing (scripts/install-deps.sh installs it)" >&2; exit 1; }
done
[[ -r $btf ]] || { echo "build-bpf: $btf is missing: this kernel has no BTF (CONFIG_DEBUG_INFO_BTF); set REACH_BTF to a vmlinux BTF file" >&2; exit 1; }
[[ -r /usr/include/bpf/bpf_helpers.h ]] || { echo "build-bpf: /usr/include/bpf/bpf_helpers.h is missing (libbpf-dev)" >&2; exit 1; }

if [[ ! -s $out/vmlinux.h || $btf -nt $out/vmlinux.h ]]; then
  bpftool btf dump file "$btf" format c >"$out/vmlinux.h.tmp"
  mv "$out/vmlinux.h.tmp" "$out/vmlinux.h"
fi

clang -O2 -g -target bpf -D__TARGET_ARCH_x86 -Wall -Werror -I"$out" -c "$src" -o "$out/dropwatch.full.o"
llvm-strip -g "$out/dropwatch.full.o" -o "$out/dropwatch.bpf.o"
rm -f "$out/dropwatch.full.o"
