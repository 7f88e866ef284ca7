#!/usr/bin/env bash
# build-kernel.sh [--variant NAME] [OUTLINK]
#
# Build the Linux 7.2 test kernel (allnoconfig + tests/linux/kernel.config)
# into a cache outside the repository:
#   ${XDG_CACHE_HOME:-$HOME/.cache}/baton/linux-7.2-<hash>/bzImage
# where <hash> covers the config fragment and RECIPE (bump RECIPE when the
# build steps below change), so the kernel is rebuilt only when needed. The kernel tree is fetched with
# fetch-linux.sh unless LINUX_SRC names an unpacked tree. With OUTLINK, a
# symlink to the cached bzImage is created there. JOBS sets make -j (2).
# --variant NAME adds tests/linux/kernel-NAME.config after the base fragment
# (a separately cached kernel, e.g. "flb" for the vectors with test FLBs).
# --cached only links an already cached kernel: exit status 3 when there is
# none (nothing is fetched or built).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cached_only=
if [ "${1:-}" = --cached ]; then
	cached_only=1
	shift
fi
fragments=("$here/kernel.config")
if [ "${1:-}" = --variant ]; then
	fragments+=("$here/kernel-${2:?--variant needs a name}.config")
	shift 2
fi
cache=${XDG_CACHE_HOME:-$HOME/.cache}/baton
RECIPE="allnoconfig+fragment+olddefconfig bzImage v1"
hash=$( (cat "${fragments[@]}"; echo "$RECIPE") | sha256sum | cut -c1-12)
out="$cache/linux-7.2-$hash"
jobs=${JOBS:-2}
link=${1:-}

publish() {
	if [ -n "$link" ]; then
		mkdir -p "$(dirname "$link")"
		ln -sfn "$out/bzImage" "$link"
	fi
	echo "build-kernel: $out/bzImage ($(stat -c %s "$out/bzImage") bytes)"
}

mkdir -p "$cache"
exec 9>"$cache/.build-lock"
flock 9

if [ -f "$out/bzImage" ]; then
	publish
	exit 0
fi
[ -z "$cached_only" ] || exit 3

src=${LINUX_SRC:-}
if [ -z "$src" ]; then
	"$here/fetch-linux.sh" "$cache/src"
	src="$cache/src/linux-source-7.2"
fi
if [ ! -f "$src/Makefile" ]; then
	echo "build-kernel: FAIL no kernel tree at $src" >&2
	exit 1
fi

obj="$out/obj"
mkdir -p "$obj"
kmake() {
	make -C "$src" O="$obj" ARCH=x86_64 -j"$jobs" "$@"
}

start=$(date +%s)
kmake allnoconfig >/dev/null
# Later assignments win in Kconfig, so appending the fragment overrides.
cat "${fragments[@]}" >> "$obj/.config"
kmake olddefconfig >/dev/null

# Every option of the fragment must have survived olddefconfig as written.
missing=0
while IFS= read -r line; do
	case "$line" in
	CONFIG_*=*)
		grep -qxF "$line" "$obj/.config" || {
			echo "build-kernel: FAIL option dropped: $line" >&2
			missing=1
		}
		;;
	"# CONFIG_"*" is not set")
		sym=${line#\# }
		sym=${sym%% *}
		if grep -q "^$sym=" "$obj/.config"; then
			echo "build-kernel: FAIL option forced on: $sym" >&2
			missing=1
		fi
		;;
	esac
done < <(cat "${fragments[@]}")
[ $missing = 0 ] || exit 1

kmake bzImage
cp "$obj/.config" "$out/config"
cp "$obj/arch/x86/boot/bzImage" "$out/bzImage.tmp"
mv "$out/bzImage.tmp" "$out/bzImage"
end=$(date +%s)
echo "build-kernel: built in $((end - start)) s with -j$jobs" | tee "$out/build-time"
publish
