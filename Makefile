# aekit — plain GNU make.  `make` builds build/bin/*, `make check` tests,
# `make demo` runs the month-end job over examples/.

PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR   = $(PREFIX)/bin
LIBDIR   = $(PREFIX)/lib
INCDIR   = $(PREFIX)/include/aekit
MANDIR   = $(PREFIX)/share/man
LOCALEDIR = $(PREFIX)/share/locale
DATADIR  = $(PREFIX)/share/aekit
PCDIR    = $(LIBDIR)/pkgconfig

CC      ?= cc
PKG_CONFIG ?= pkg-config
PKGS     = jansson libutf8proc xlsxwriter libical
VERSION  = 0.1.0

# `make V=1` shows the commands.
ifeq ($(V),1)
Q =
else
Q = @
endif

SANITIZE ?= 0
ifeq ($(SANITIZE),1)
B        = build/asan
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
else
B        = build
SANFLAGS =
endif

PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lcsv

WARN     = -Wall -Wextra -Werror
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DAEKIT_VERSION='"$(VERSION)"' \
	-DAEKIT_LOCALEDIR='"$(LOCALEDIR)"' -DAEKIT_DATADIR='"$(DATADIR)"' \
	-Ilib -Icli -I$(B)/gen
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) $(SANFLAGS) -fPIC $(PKG_CFLAGS)
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS)

# lib/ is libaekit, which never prints or exits; cli/ is the tools' side
# (options, messages, exit codes, documents), linked into the tools only.
LIB_SRC  = $(sort $(wildcard lib/*.c))
LIB_HDR  = $(sort $(wildcard lib/*.h))
LIB_OBJ  = $(LIB_SRC:lib/%.c=$(B)/obj/lib/%.o) $(B)/obj/gen/templates.o
CLI_SRC  = $(sort $(wildcard cli/*.c))
CLI_HDR  = $(sort $(wildcard cli/*.h))
CLI_OBJ  = $(CLI_SRC:cli/%.c=$(B)/obj/cli/%.o)
ALL_HDR  = $(LIB_HDR) $(CLI_HDR)
CMD_SRC  = $(sort $(wildcard cmd/*.c))
TOOLS    = $(CMD_SRC:cmd/%.c=%)
BINS     = $(TOOLS:%=$(B)/bin/%)
UNIT_SRC = $(sort $(wildcard tests/unit/test_*.c))
UNITS    = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
TEMPLATES = $(sort $(wildcard templates/*.mustache))
# po/LANG/*.po: one catalog fragment per tool or module, merged into one
# aekit.mo per language.
PO_LANGS = $(notdir $(wildcard po/*_*))
MO       = $(PO_LANGS:%=$(B)/share/locale/%/LC_MESSAGES/aekit.mo)
MANS     = $(sort $(wildcard man/*.1 man/*.7))

LIBA     = $(B)/lib/libaekit.a
LIBSO    = $(B)/lib/libaekit.so
CLIA     = $(B)/lib/libaekit-cli.a
SHARE    = $(sort $(wildcard share/aekit/*))
# The shipped data is copied to build/share/aekit too, so the tools find it
# from the build tree (beside build/bin) without an install.
SHARE_B  = $(SHARE:%=$(B)/%)

.PHONY: all deps check unit cli conformance demo bench fuzz install uninstall \
	clean lint pot format
.SUFFIXES:

all: $(BINS) $(LIBSO) $(MO) $(SHARE_B)

$(B)/share/aekit/%: share/aekit/%
	@mkdir -p $(@D)
	$(Q)cp $< $@

deps:
	@sh scripts/deps.sh build

# Without its packages the build would fail at the first #include or with
# hundreds of undefined references: say what to run instead.  The targets
# that install the packages themselves skip the test.
SELF_DEPS_GOALS = deps check demo bench fuzz lint clean uninstall
ifeq ($(filter $(SELF_DEPS_GOALS),$(MAKECMDGOALS)),)
MISSING := $(shell sh scripts/deps.sh --missing build 2>/dev/null)
ifneq ($(strip $(MISSING)),)
$(error missing build dependencies:$(MISSING); run 'make deps' as root, or: sudo apt-get install -y$(MISSING))
endif
endif

$(B)/obj/lib/%.o: lib/%.c $(LIB_HDR) | $(B)/gen/templates.h
	@mkdir -p $(@D)
	@echo "CC $<"
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(B)/obj/cli/%.o: cli/%.c $(ALL_HDR) | $(B)/gen/templates.h
	@mkdir -p $(@D)
	@echo "CC $<"
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(B)/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) -std=c11 $(WARN) -O1 -o $@ $<

$(B)/gen/templates.h: $(B)/embed
	@mkdir -p $(@D)
	$(B)/embed -h > $@

$(B)/gen/templates.c: $(B)/embed $(TEMPLATES)
	@mkdir -p $(@D)
	$(B)/embed $(TEMPLATES) > $@

$(B)/obj/gen/templates.o: $(B)/gen/templates.c $(B)/gen/templates.h
	@mkdir -p $(@D)
	@echo "CC $<"
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(LIBA): $(LIB_OBJ)
	@mkdir -p $(@D)
	@rm -f $@
	@echo "AR $@"
	$(Q)ar rcs $@ $(LIB_OBJ)

$(CLIA): $(CLI_OBJ)
	@mkdir -p $(@D)
	@rm -f $@
	@echo "AR $@"
	$(Q)ar rcs $@ $(CLI_OBJ)

$(LIBSO): $(LIB_OBJ)
	@mkdir -p $(@D)
	@echo "LD $@"
	$(Q)$(CC) -shared -Wl,-soname,libaekit.so.0 $(ALL_LDFLAGS) -o $@ $(LIB_OBJ) $(PKG_LIBS)

$(B)/bin/%: cmd/%.c $(CLIA) $(LIBA) $(ALL_HDR)
	@mkdir -p $(@D)
	@echo "LD $@"
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(CLIA) $(LIBA) $(PKG_LIBS)

$(B)/tests/%: tests/unit/%.c $(LIBA) $(LIB_HDR)
	@mkdir -p $(@D)
	@echo "LD $@"
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIBA) $(PKG_LIBS) -lcmocka

.SECONDEXPANSION:
$(B)/share/locale/%/LC_MESSAGES/aekit.mo: $$(wildcard po/%/*.po)
	@mkdir -p $(@D)
	@echo "MSGFMT $@"
	$(Q)msgcat --use-first -o $(@D)/aekit.po $^ && msgfmt -c -o $@ $(@D)/aekit.po

# The catalogs also live in build/share/locale (relative to build/bin), so the
# tools speak Chinese from the build tree without an install.

# The fuzz targets need clang's libFuzzer to run (make fuzz), but every
# check compiles them, so a change of the library's interface cannot
# break them unnoticed.
FUZZ_SRC = $(sort $(wildcard fuzz/fuzz_*.c))
$(B)/fuzz-syntax.stamp: $(FUZZ_SRC) $(wildcard fuzz/*.h) $(LIB_HDR) $(B)/gen/templates.h
	@echo "CC -fsyntax-only fuzz/*.c"
	$(Q)for f in $(FUZZ_SRC); do \
		$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -fsyntax-only $$f || exit 1; \
	done
	@touch $@

check: deps
	@$(MAKE) --no-print-directory all units $(B)/fuzz-syntax.stamp
	@sh scripts/check.sh $(B)

units: $(UNITS)

unit: units
	@for t in $(UNITS); do $$t || exit 1; done

cli: all
	@sh tests/cli.sh $(B) $(CASES)

SPEC_DIR ?= ../shared/testsuites/mustache-spec
conformance: $(B)/tests/mustache-spec
	@if [ ! -f "$(SPEC_DIR)/interpolation.json" ]; then \
		echo "conformance: no Mustache spec suite in '$(SPEC_DIR)'" \
			"(its specs/*.json files); point to one with SPEC_DIR=DIR" >&2; \
		exit 66; \
	fi
	@$(B)/tests/mustache-spec $(SPEC_DIR)

$(B)/tests/mustache-spec: tests/conformance/mustache-spec.c $(LIBA) $(LIB_HDR)
	@mkdir -p $(@D)
	@echo "LD $@"
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIBA) $(PKG_LIBS)

demo: deps
	@$(MAKE) --no-print-directory all
	@PATH="$(CURDIR)/$(B)/bin:$$PATH" sh examples/month-end.sh examples/records; \
	rc=$$?; \
	if [ $$rc -eq 1 ]; then \
		echo "demo: done; the reports are in out/.  The run exited 1 because of the"; \
		echo "demo: balances more than 90 days overdue named above, which a cron job must see."; \
	elif [ $$rc -ne 0 ]; then exit $$rc; \
	else echo "demo: done; the reports are in out/."; fi

bench: all
	@sh scripts/deps.sh bench
	@sh bench/run.sh $(B)

FUZZ_SECONDS ?= 60
FUZZ_JOBS ?= 1
fuzz:
	@sh scripts/deps.sh fuzz
	@FUZZ_JOBS=$(FUZZ_JOBS) sh scripts/fuzz.sh $(FUZZ_SECONDS)

# The code as .clang-format lays it out: `make format` rewrites nothing.
FORMAT_SRC = $(LIB_SRC) $(LIB_HDR) $(CLI_SRC) $(CLI_HDR) $(CMD_SRC)

lint:
	@sh scripts/deps.sh lint
	@for m in $(MANS); do mandoc -Tlint -W warning $$m || exit 1; done
	@clang-format --dry-run -Werror $(FORMAT_SRC)

pot:
	xgettext -k_ -kN_ -kC_:1c,2 --from-code=UTF-8 -o po/aekit.pot $(LIB_SRC) $(CLI_SRC) $(CMD_SRC)

format:
	clang-format -i $(FORMAT_SRC)

# ldconfig, when installing as root into a directory the dynamic linker
# searches (not into DESTDIR or a private prefix).
LDCONFIG = if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ] && \
	command -v ldconfig >/dev/null && \
	{ case "$(LIBDIR)" in /lib|/usr/lib|/usr/local/lib) true ;; *) \
	  grep -qsxF "$(LIBDIR)" /etc/ld.so.conf /etc/ld.so.conf.d/*.conf ;; esac; }; \
	then echo "ldconfig"; ldconfig; fi

# Only libaekit's headers are public: cli/ (the tools' side, which prints
# and exits) is linked into the tools and not installed (HACKING.md).
# ldconfig runs when installing as root into the system itself.
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCDIR) \
		$(DESTDIR)$(PCDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7
	install -m 755 $(BINS) $(DESTDIR)$(BINDIR)
	install -m 644 $(LIBA) $(DESTDIR)$(LIBDIR)
	install -m 755 $(LIBSO) $(DESTDIR)$(LIBDIR)/libaekit.so.0
	ln -sf libaekit.so.0 $(DESTDIR)$(LIBDIR)/libaekit.so
	install -m 644 $(LIB_HDR) $(DESTDIR)$(INCDIR)
	printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$(LIBDIR)' \
		'includedir=$(PREFIX)/include' '' 'Name: aekit' \
		'Description: exact money, dates and records for agency account service' \
		'Version: $(VERSION)' 'Requires: jansson' \
		'Requires.private: libutf8proc xlsxwriter libical' \
		'Cflags: -I$${includedir}' 'Libs: -L$${libdir} -laekit' \
		'Libs.private: -lcsv' >$(DESTDIR)$(PCDIR)/aekit.pc
	chmod 644 $(DESTDIR)$(PCDIR)/aekit.pc
	for m in $(filter %.1,$(MANS)); do install -m 644 $$m $(DESTDIR)$(MANDIR)/man1; done
	for m in $(filter %.7,$(MANS)); do install -m 644 $$m $(DESTDIR)$(MANDIR)/man7; done
	for p in $(PO_LANGS); do \
		install -d $(DESTDIR)$(LOCALEDIR)/$$p/LC_MESSAGES; \
		install -m 644 $(B)/share/locale/$$p/LC_MESSAGES/aekit.mo \
			$(DESTDIR)$(LOCALEDIR)/$$p/LC_MESSAGES/; \
	done
	if [ -n "$(SHARE)" ]; then \
		install -d $(DESTDIR)$(DATADIR) && \
		install -m 644 $(SHARE) $(DESTDIR)$(DATADIR); \
	fi
	@$(LDCONFIG)

uninstall:
	rm -f $(TOOLS:%=$(DESTDIR)$(BINDIR)/%)
	rm -f $(DESTDIR)$(LIBDIR)/libaekit.a $(DESTDIR)$(LIBDIR)/libaekit.so \
		$(DESTDIR)$(LIBDIR)/libaekit.so.0 $(DESTDIR)$(PCDIR)/aekit.pc
	rm -rf $(DESTDIR)$(INCDIR) $(DESTDIR)$(DATADIR)
	rm -f $(patsubst man/%,$(DESTDIR)$(MANDIR)/man1/%,$(filter %.1,$(MANS)))
	rm -f $(patsubst man/%,$(DESTDIR)$(MANDIR)/man7/%,$(filter %.7,$(MANS)))
	for p in $(PO_LANGS); do rm -f $(DESTDIR)$(LOCALEDIR)/$$p/LC_MESSAGES/aekit.mo; done
	@$(LDCONFIG)

clean:
	rm -rf build
