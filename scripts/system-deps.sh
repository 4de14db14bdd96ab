#!/usr/bin/env bash
# Ensures the system tools the tests need are present (Debian/apt).
# As root: installs whatever is missing. Otherwise: prints the apt command
# and exits non-zero.
set -u

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
# "command-or-path apt-package" pairs
CHECKS=(
  "$CHROMIUM chromium"
  "virt-xml-validate libvirt-clients"
  "xmllint libxml2-utils"
  "qemu-img qemu-utils"
  "qemu-system-x86_64 qemu-system-x86"
  # Real libvirt for the conformance suite (test/system/libvirt): its QEMU driver, embedded, and its image probing.
  "/usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so libvirt-daemon-driver-qemu"
  "/usr/lib/x86_64-linux-gnu/libvirt/storage-file/libvirt_storage_file_fs.so libvirt-daemon"
)
ALL_PKGS="chromium libvirt-clients libxml2-utils qemu-utils qemu-system-x86 libvirt-daemon-driver-qemu libvirt-daemon"

missing_pkgs() {
  local entry tool pkg out=""
  for entry in "${CHECKS[@]}"; do
    tool="${entry% *}"; pkg="${entry##* }"
    if [[ "$tool" == */* ]]; then [[ -e "$tool" ]] && continue
    else command -v "$tool" >/dev/null 2>&1 && continue
    fi
    out+="$pkg "
  done
  echo "${out% }"
}

missing="$(missing_pkgs)"
if [[ -z "$missing" ]]; then
  echo "system-deps: all present"
  exit 0
fi

echo "system-deps: missing packages: $missing"
if [[ "$(id -u)" -ne 0 ]]; then
  echo "system-deps: not root; install them with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends $missing" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update </dev/null || exit 1
apt-get install -y --no-install-recommends $ALL_PKGS </dev/null || exit 1

missing="$(missing_pkgs)"
if [[ -n "$missing" ]]; then
  echo "system-deps: still missing after apt-get install: $missing" >&2
  [[ -n "${CHROMIUM_PATH:-}" ]] && echo "system-deps: (CHROMIUM_PATH=$CHROMIUM_PATH)" >&2
  exit 1
fi
echo "system-deps: installed"
