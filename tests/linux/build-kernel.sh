#!/usr/bin/env bash
# build-kernel.sh [--cached] [--release R] [--arch A] [--variant NAME] [OUTLINK]
#
# Build the Linux R test kernel (allnoconfig + tests/linux/kernel.config)
# into a cache outside the repository:
#   ${XDG_CACHE_HOME:-$HOME/.cache}/baton/linux-R-<hash>/bzImage
# --arch arm64 cross-builds the arm64 one instead (CROSS_COMPILE, default
# aarch64-linux-gnu-; allnoconfig + tests/linux/kernel-arm64.config) into
#   ${XDG_CACHE_HOME:-$HOME/.cache}/baton/linux-R-arm64-<hash>/Image
# where <hash> covers the config fragment and RECIPE (bump RECIPE when the
# build steps below change), and for releases other than 7.2 the release,
# so the kernel is rebuilt only when needed. R is one of releases.sh
# (--release, else $LINUX_RELEASE, else the newest: 7.3). The kernel tree is
# fetched with fetch-linux.sh into the cache's src/linux-source-R unless
# LINUX_SRC_R (R with _ for .) or LINUX_SRC names an unpacked tree of R. With OUTLINK, a symlink to the
# cached bzImage is created there. JOBS sets make -j (2).
# --variant NAME adds tests/linux/kernel-NAME.config after the base fragment
# (a separately cached kernel, e.g. "flb" for the vectors with test FLBs).
# --cached only links an already cached kernel: exit status 3 when there is
# none (nothing is fetched or built).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/releases.sh"
cached_only=
if [ "${1:-}" = --cached ]; then
	cached_only=1
	shift
fi
release=${LINUX_RELEASE:-$LINUX_RELEASE_DEFAULT}
if [ "${1:-}" = --release ]; then
	release=${2:?--release needs a release}
	shift 2
fi
arch=x86_64
if [ "${1:-}" = --arch ]; then
	arch=${2:?--arch needs x86_64 or arm64}
	shift 2
fi
linux_release "$release"
case "$arch" in
x86_64)
	fragments=("$here/kernel.config")
	image=bzImage kimage=arch/x86/boot/bzImage tag= cross=
	;;
arm64)
	fragments=("$here/kernel-arm64.config")
	image=Image kimage=arch/arm64/boot/Image tag=-arm64
	cross=${CROSS_COMPILE:-aarch64-linux-gnu-}
	;;
*)
	echo "build-kernel: FAIL unknown arch '$arch' (x86_64, arm64)" >&2
	exit 1
	;;
esac
if [ "${1:-}" = --variant ]; then
	fragments+=("$here/kernel-${2:?--variant needs a name}.config")
	shift 2
fi
cache=${XDG_CACHE_HOME:-$HOME/.cache}/baton
RECIPE="allnoconfig+fragment+olddefconfig bzImage v1"
# (7.2's hash input is unchanged from before releases were a parameter, so
# its cached kernel stays valid; likewise x86's from before --arch.)
hash=$( (cat "${fragments[@]}"; echo "$RECIPE"
	 [ "$release" = 7.2 ] || echo "release $release"
	 [ "$arch" = x86_64 ] || echo "arch $arch $image") |
	sha256sum | cut -c1-12)
out="$cache/linux-$release$tag-$hash"
jobs=${JOBS:-2}
link=${1:-}

publish() {
	if [ -n "$link" ]; then
		mkdir -p "$(dirname "$link")"
		ln -sfn "$out/$image" "$link"
	fi
	echo "build-kernel: Linux $release $out/$image ($(stat -c %s "$out/$image") bytes)"
}

# One lock per release and arch: a 7.3 build does not hold up a cached 7.2.
mkdir -p "$cache"
exec 9>"$cache/.build-lock-$release$tag"
flock 9

if [ -f "$out/$image" ]; then
	publish
	exit 0
fi
[ -z "$cached_only" ] || exit 3

# LINUX_SRC_7_3 (dots as _) names a tree of one release; LINUX_SRC one of
# whichever release its Makefile says (ignored for the others).
src_var=LINUX_SRC_${release//./_}
src=${!src_var:-}
if [ -z "$src" ] && [ -n "${LINUX_SRC:-}" ] &&
   [ "$(awk '/^VERSION =/{v=$3} /^PATCHLEVEL =/{print v "." $3; exit}' \
	"$LINUX_SRC/Makefile" 2>/dev/null)" = "$release" ]; then
	src=$LINUX_SRC
fi
if [ -z "$src" ]; then
	# fetching shares the src/ directory between releases
	(flock 8; "$here/fetch-linux.sh" "$cache/src" "$release") 8>"$cache/.fetch-lock"
	src="$cache/src/$LINUX_REL_PACKAGE"
fi
if [ ! -f "$src/Makefile" ]; then
	echo "build-kernel: FAIL no kernel tree at $src" >&2
	exit 1
fi
src_release=$(awk '/^VERSION =/{v=$3} /^PATCHLEVEL =/{print v "." $3; exit}' "$src/Makefile")
if [ "$src_release" != "$release" ]; then
	echo "build-kernel: FAIL $src is Linux $src_release, not $release" >&2
	exit 1
fi

obj="$out/obj"
mkdir -p "$obj"
kmake() {
	make -C "$src" O="$obj" ARCH="$arch" ${cross:+CROSS_COMPILE="$cross"} \
		-j"$jobs" "$@"
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

kmake "$image"
cp "$obj/.config" "$out/config"
cp "$obj/$kimage" "$out/$image.tmp"
mv "$out/$image.tmp" "$out/$image"
end=$(date +%s)
echo "build-kernel: Linux $(cat "$obj/include/config/kernel.release") built in $((end - start)) s with -j$jobs" |
	tee "$out/build-time"
publish
