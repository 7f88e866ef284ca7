#!/usr/bin/env bash
# fetch-linux.sh DESTDIR
#
# Download Debian's linux-source-7.2 package (suite sid) without installing
# it, and unpack the kernel tree to DESTDIR/linux-source-7.2. The archive
# address comes from this machine's apt sources; apt state is kept private
# under DESTDIR/apt so the system's package lists are never touched.
set -euo pipefail

dest=${1:?usage: fetch-linux.sh DESTDIR}
suite=${LINUX_SUITE:-sid}
package=${LINUX_PACKAGE:-linux-source-7.2}
tree="$dest/$package"

if [ -f "$tree/Makefile" ] && [ -f "$tree/.baton-unpacked" ]; then
	echo "fetch-linux: $tree already unpacked"
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

state="$dest/apt"
mkdir -p "$state/lists/partial" "$dest/deb"
printf 'deb [trusted=yes] %s %s main\n' "$uri" "$suite" > "$state/sources.list"
apt_opts=(-o "Dir::Etc::SourceList=$state/sources.list"
	  -o Dir::Etc::SourceParts=/dev/null
	  -o "Dir::State::Lists=$state/lists"
	  -o "Dir::Cache=$state/cache"
	  -o APT::Sandbox::User="$(id -un)")

echo "fetch-linux: $package from $uri $suite"
apt-get "${apt_opts[@]}" update >/dev/null
(cd "$dest/deb" && apt-get "${apt_opts[@]}" download "$package")

deb=$(ls -t "$dest/deb/${package}_"*.deb | head -n1)
rm -rf "$dest/pkg"
dpkg -x "$deb" "$dest/pkg"
tarball=$(ls "$dest/pkg/usr/src/$package".tar.* | head -n1)
rm -rf "$tree"
tar -C "$dest" -xf "$tarball"
rm -rf "$dest/pkg" "$dest/deb"
touch "$tree/.baton-unpacked"
echo "fetch-linux: unpacked $tree"
