# drivers/: consoles (16550 UART, QEMU debugcon) and their registry.
PAYLOAD_SRCS	+= drivers/console.c drivers/uart8250.c drivers/debugcon.c
# Option parsing touches no device: also hosted, unit tested.
CORE_SRCS	+= drivers/console_options.c
UNIT_TESTS	+= test_console_options
