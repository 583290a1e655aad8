#!/usr/bin/env bash
# Installs what the service itself runs on a Debian machine, idempotently: the tools the
# redfish-virtual-media boot interface builds its ISO with. With --best-effort (scripts/run.sh) a
# machine where packages cannot be installed (no root, no sudo) only gets a warning: the service
# runs, and virtual media boot fails naming the missing package.
set -euo pipefail
need=()
# the boot ISO: xorriso writes it; isolinux + syslinux-common boot it in BIOS mode
command -v xorriso >/dev/null || need+=(xorriso)
[ -f /usr/lib/ISOLINUX/isolinux.bin ] || need+=(isolinux)
[ -f /usr/lib/syslinux/modules/bios/ldlinux.c32 ] || need+=(syslinux-common)
# UEFI: a standalone GRUB (grub-mkstandalone from grub-common, modules from grub-efi-amd64-bin) in a FAT image
command -v grub-mkstandalone >/dev/null || need+=(grub-common)
[ -f /usr/lib/grub/x86_64-efi/linux.mod ] || need+=(grub-efi-amd64-bin)
{ command -v mkfs.vfat || [ -x /usr/sbin/mkfs.vfat ] || [ -x /sbin/mkfs.vfat ]; } >/dev/null || need+=(dosfstools)
{ command -v mmd && command -v mcopy; } >/dev/null || need+=(mtools)
[ ${#need[@]} -gt 0 ] || exit 0
SUDO=""
if [ "$(id -u)" != 0 ]; then
    if [ "${1:-}" = --best-effort ] && ! sudo -n true 2>/dev/null; then
        echo "install-runtime-deps: cannot install ${need[*]} (not root, no sudo); virtual media boot needs them" >&2
        exit 0
    fi
    SUDO=sudo
fi
echo "Installing runtime dependencies: ${need[*]}"
if ! { $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${need[@]}"; }; then
    [ "${1:-}" = --best-effort ] || exit 1
    echo "install-runtime-deps: installing ${need[*]} failed; virtual media boot needs them" >&2
fi
