# make install [PREFIX=/usr/local] [DESTDIR=]: baton's images under
# $(PREFIX)/lib/baton/, the tools under $(PREFIX)/bin/ (mkbundle as
# baton-mkbundle: Mono ships a /usr/bin/mkbundle), man pages (man/) and the
# docs under $(PREFIX)/share/doc/baton/. The tools are BUILD's: pass
# SANITIZE= (and a fresh BUILD) for tools without ASan/UBSan, as
# debian/rules does. arm64/baton.Image is installed when it is built
# (ARM64_HAVE_CC= leaves it out).
PREFIX		?= /usr/local
DESTDIR		?=
BATON_LIBDIR	 = $(DESTDIR)$(PREFIX)/lib/baton
BATON_BINDIR	 = $(DESTDIR)$(PREFIX)/bin
BATON_MANDIR	 = $(DESTDIR)$(PREFIX)/share/man
BATON_DOCDIR	 = $(DESTDIR)$(PREFIX)/share/doc/baton

INSTALL_IMAGES	:= $(BUILD)/baton.bzImage $(BUILD)/baton.elf $(BUILD)/baton.efi
INSTALL_ARM64	:= $(if $(ARM64_HAVE_CC),$(ARM64_IMAGE))
INSTALL_TOOLS	:= $(BATON_LOAD) $(INSPECT) $(MKHANDOVER) $(MKBUNDLE) \
		   tools/capture-decode.py
MAN_PAGES	:= $(sort $(wildcard man/*.1 man/*.7))

.PHONY: install install-files
install-files: $(INSTALL_IMAGES) $(INSTALL_ARM64) $(INSTALL_TOOLS)

install: install-files
	$(Q)install -d $(BATON_LIBDIR) $(BATON_BINDIR) $(BATON_MANDIR)/man1 \
		$(BATON_MANDIR)/man7 $(BATON_DOCDIR)/docs $(BATON_DOCDIR)/examples
	$(Q)install -m 644 $(INSTALL_IMAGES) $(BATON_LIBDIR)/
	$(Q)$(if $(INSTALL_ARM64),install -D -m 644 $(INSTALL_ARM64) $(BATON_LIBDIR)/arm64/baton.Image)
	$(Q)install -m 755 $(BATON_LOAD) $(INSPECT) $(MKHANDOVER) $(BATON_BINDIR)/
	$(Q)install -m 755 $(MKBUNDLE) $(BATON_BINDIR)/baton-mkbundle
	$(Q)sed '1s|^#!/usr/bin/env python3|#!/usr/bin/python3|' tools/capture-decode.py \
		> $(BATON_BINDIR)/baton-capture-decode
	$(Q)chmod 755 $(BATON_BINDIR)/baton-capture-decode
	$(Q)install -m 644 $(filter %.1,$(MAN_PAGES)) $(BATON_MANDIR)/man1/
	$(Q)install -m 644 $(filter %.7,$(MAN_PAGES)) $(BATON_MANDIR)/man7/
	$(Q)install -m 644 README.md $(BATON_DOCDIR)/
	$(Q)install -m 644 $(wildcard docs/*.md docs/*.svg docs/*.png) $(BATON_DOCDIR)/docs/
	$(Q)install -m 755 tools/mkhandover/demo.sh $(BATON_DOCDIR)/examples/

# A quick install into BUILD/install-test, its file list checked against
# the expected one, every man page rendered without a warning, and the
# installed baton-load finding the installed image and bundle writer.
.PHONY: test-install
test-install:
	$(Q)rm -rf $(BUILD)/install-test
	$(Q)$(MAKE) --no-print-directory install PREFIX=/usr \
		DESTDIR=$(abspath $(BUILD))/install-test >/dev/null
	$(Q)tests/install/test-install.sh $(BUILD)/install-test/usr \
		"$(if $(INSTALL_ARM64),arm64)"

# make deb: the Debian package (debian/) of the committed tree (git archive
# HEAD, so that no build directory or uncommitted edit goes in), built with
# dpkg-buildpackage -us -uc -b in BUILD/deb/src, then lintian on the result:
# BUILD/deb/baton_VERSION_amd64.deb. Needs debhelper and lintian
# (tools/install-deps.sh deb installs them).
.PHONY: deb
deb:
	$(Q)tools/install-deps.sh deb
	$(Q)rm -rf $(BUILD)/deb && mkdir -p $(BUILD)/deb/src
	$(Q)git archive HEAD | tar -x -C $(BUILD)/deb/src
	$(Q)cd $(BUILD)/deb/src && dpkg-buildpackage -us -uc -b > ../build.log 2>&1 || \
		{ tail -30 ../build.log; echo "deb: dpkg-buildpackage failed (see $(BUILD)/deb/build.log)"; exit 1; }
	$(Q)ls $(BUILD)/deb/baton_*.deb
	$(Q)lintian --fail-on error $(BUILD)/deb/baton_*.changes
