#!/usr/bin/env bash
# fetch-linux.sh DESTDIR [RELEASE]
#
# Download Debian's linux-source-RELEASE package without installing it and
# unpack the kernel tree to DESTDIR/linux-source-RELEASE. RELEASE is one of
# releases.sh (7.2: suite sid; 7.3: suite trixie-backports); default the
# newest. The archive address comes from this machine's apt sources; apt
# state is kept private under DESTDIR/apt-SUITE so the system's package
# lists are never touched. LINUX_SUITE / LINUX_PACKAGE override the table.
# The unpacked tree must be the release asked for (its Makefile's
# VERSION.PATCHLEVEL), else the script fails.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/releases.sh"
dest=${1:?usage: fetch-linux.sh DESTDIR [RELEASE]}
release=${2:-$LINUX_RELEASE_DEFAULT}
linux_release "$release"
suite=${LINUX_SUITE:-$LINUX_REL_SUITE}
package=${LINUX_PACKAGE:-$LINUX_REL_PACKAGE}
tree="$dest/$package"

tree_release() {
	awk '/^VERSION =/{v=$3} /^PATCHLEVEL =/{p=$3}
	     /^SUBLEVEL =/{s=$3; print v "." p "." s; exit}' "$1/Makefile"
}

if [ -f "$tree/Makefile" ] && [ -f "$tree/.baton-unpacked" ]; then
	echo "fetch-linux: $tree already unpacked ($(tree_release "$tree"))"
	exit 0
fi

archive_uri() {
	local uri=""
	if ls /etc/apt/sources.list.d/*.sources >/dev/null 2>&1; then
		uri=$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources |
		      grep -v security | head -n1 | awk '{print $2}')
	fi
	if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
		uri=$(awk '/^deb /{for (i = 2; i <= NF; i++)
			if ($i ~ /:\/\//) { print $i; exit }}' /etc/apt/sources.list)
	fi
	echo "$uri"
}

uri=$(archive_uri)
if [ -z "$uri" ]; then
	echo "fetch-linux: FAIL no Debian archive URI in the apt sources" >&2
	exit 1
fi

state="$dest/apt-$suite"
mkdir -p "$state/lists/partial" "$dest/deb-$release"
printf 'deb [trusted=yes] %s %s main\n' "$uri" "$suite" > "$state/sources.list"
apt_opts=(-o "Dir::Etc::SourceList=$state/sources.list"
	  -o Dir::Etc::SourceParts=/dev/null
	  -o "Dir::State::Lists=$state/lists"
	  -o "Dir::Cache=$state/cache"
	  -o APT::Sandbox::User="$(id -un)")

echo "fetch-linux: $package from $uri $suite"
apt-get "${apt_opts[@]}" update >/dev/null
candidate=$(apt-cache "${apt_opts[@]}" policy "$package" |
	    awk '/Candidate:/{print $2; exit}')
if [ -z "$candidate" ] || [ "$candidate" = "(none)" ]; then
	echo "fetch-linux: FAIL $package has no candidate in $suite" >&2
	exit 1
fi
echo "fetch-linux: $package $candidate"
(cd "$dest/deb-$release" && apt-get "${apt_opts[@]}" download "$package=$candidate")

deb=$(ls -t "$dest/deb-$release/${package}_"*.deb | head -n1)
pkg="$dest/pkg-$release"
rm -rf "$pkg"
dpkg -x "$deb" "$pkg"
tarball=$(ls "$pkg/usr/src/$package".tar.* | head -n1)
rm -rf "$tree"
tar -C "$dest" -xf "$tarball"
rm -rf "$pkg" "$dest/deb-$release"
got=$(tree_release "$tree")
case "$got" in
"$release".*) ;;
*)
	echo "fetch-linux: FAIL $tree is Linux $got, not $release" >&2
	exit 1
	;;
esac
touch "$tree/.baton-unpacked"
echo "fetch-linux: unpacked $tree (Linux $got)"
