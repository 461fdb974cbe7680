#!/bin/bash
# Runs the bundled GPU checks (gpu-checks.mjs) on a Linux machine with an NVIDIA GPU and no
# node_modules: finds a Vulkan loader and the NVIDIA driver's ICD for Dawn, then runs the WebGPU
# tests and benchmarks, and PyTorch's figures for the same work when python3 has torch.
# Usage (from this folder): [SKIP_TORCH=1] bash run-gpu-checks.sh [--tests-only | --bench-only] [bench filter...]
set -u
cd "$(dirname "$0")"
export OUT="${OUT:-$PWD/out}" XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp}"
mkdir -p "$OUT"
xz -dkf node_modules/webgpu/dist/linux-x64/dawn.node.xz
NODE=node
if ! command -v node >/dev/null || ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) < 20 ? 1 : 0)'; then
  xz -dkf node.xz && chmod +x node
  NODE=./node
fi
echo "node $($NODE --version)"; nvidia-smi -L 2>/dev/null

# Which Vulkan set-up gives Dawn an adapter: the machine's own loader, then with the NVIDIA ICD
# named, then with a carried loader (gl/*.deb) unpacked.
probe() { $NODE --input-type=module -e "import { create } from './node_modules/webgpu/index.js'; const adapter = await create([]).requestAdapter(); const info = adapter?.info; console.log(info ? info.vendor + ' ' + info.architecture + ' ' + info.description : 'none'); process.exit(adapter ? 0 : 1);"; }
icd=$(ls /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json /etc/vulkan/icd.d/nvidia_icd.json 2>/dev/null | head -1)
found=""
for attempt in plain icd debs debs-icd; do
  case $attempt in
    icd | debs-icd) [ -n "$icd" ] && export VK_DRIVER_FILES="$icd" VK_ICD_FILENAMES="$icd" __EGL_VENDOR_LIBRARY_FILENAMES=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json ;;
    debs) unset VK_DRIVER_FILES VK_ICD_FILENAMES; for f in gl/*.deb; do [ -f "$f" ] && dpkg -x "$f" /; done; ldconfig ;;
  esac
  if adapter=$(probe 2>/dev/null); then found=$attempt; echo "Vulkan set-up '$attempt': $adapter"; break; fi
  echo "Vulkan set-up '$attempt': no adapter"
done
if [ -z "$found" ]; then
  echo "no WebGPU adapter; Vulkan loaders: $(ldconfig -p | grep -i libvulkan | tr '\n' ' ')"
  ls -l /usr/local/nvidia/share/vulkan/icd.d /usr/share/vulkan/icd.d /etc/vulkan/icd.d 2>&1
  VK_LOADER_DEBUG=error,warn,driver probe 2>&1 | tail -40
  exit 3
fi

# The models' parity fixtures, read from the checkout this folder sits in (work_dirs/device).
export MMPT_MODELS_FIXTURES="${MMPT_MODELS_FIXTURES:-$PWD/../../packages/models/src/__fixtures__}"
$NODE gpu-checks.mjs "$@" 2>&1 | grep -v "artificially reduced" | tee "$OUT/gpu-checks.log"
# SKIP_TORCH=1 leaves PyTorch's figures out (when only our side changed).
if [ -z "${SKIP_TORCH:-}" ] && python3 -c 'import torch; assert torch.cuda.is_available()' 2>/dev/null && [[ " $* " != *" --tests-only "* ]]; then
  python3 torch-reference.py 2>&1 | tee "$OUT/torch.log"
fi
