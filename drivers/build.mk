# drivers/: consoles (16550 UART, QEMU debugcon) and their registry.
PAYLOAD_SRCS	+= drivers/console.c drivers/uart8250.c drivers/debugcon.c
# Option parsing touches no device: also hosted, unit tested.
CORE_SRCS	+= drivers/console_options.c
UNIT_TESTS	+= test_console_options
# The framebuffer console; its font is generated at build time from a
# Debian console font (console-setup-linux), never kept in the repository.
FBCON_FONT	?= /usr/share/consolefonts/Lat15-Fixed16.psf.gz
FBCON_FONT_C	:= $(BUILD)/gen/fbcon_font.c
PAYLOAD_SRCS	+= drivers/fbcon.c $(FBCON_FONT_C)

$(FBCON_FONT_C): tools/fbfont/psf2c.py $(FBCON_FONT)
	@mkdir -p $(dir $@)
	$(Q)python3 tools/fbfont/psf2c.py $(FBCON_FONT) $@
