# releases.sh: the Linux releases of the real-Linux tier (sourced).
#
#   linux_release RELEASE   sets LINUX_REL_SUITE, LINUX_REL_PACKAGE and
#                           LINUX_REL_TESTED (the upstream version the tier
#                           was last run with) for RELEASE, or returns 1
#                           naming the releases it knows
#
# Each release's test kernel and selftests come from Debian's
# linux-source-RELEASE package of the suite named here (fetch-linux.sh).
# The newest release is the default of `make linux` and build-kernel.sh.

LINUX_RELEASES="7.2 7.3"
LINUX_RELEASE_DEFAULT=7.3
# The release of the single-kernel tests (test-linux.sh's round trips,
# test-baton.sh, test-selftests.sh, the capture, the vectors, the benchmark)
# and of BUILD/linux/bzImage, which test-inspect-qemu and test-efi boot.
LINUX_RELEASE_BASE=7.2

linux_release() {
	case "$1" in
	7.2)
		LINUX_REL_SUITE=sid
		LINUX_REL_PACKAGE=linux-source-7.2
		LINUX_REL_TESTED=7.2.13
		;;
	7.3)
		LINUX_REL_SUITE=trixie-backports
		LINUX_REL_PACKAGE=linux-source-7.3
		LINUX_REL_TESTED=7.3.4
		;;
	*)
		echo "unknown Linux release '$1' (known: $LINUX_RELEASES)" >&2
		return 1
		;;
	esac
}
