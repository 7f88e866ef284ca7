# drivers/: consoles (16550 UART, QEMU debugcon) and their registry.
PAYLOAD_SRCS	+= drivers/console.c drivers/uart8250.c drivers/debugcon.c
