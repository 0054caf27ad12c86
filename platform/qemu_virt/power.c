/* Power off / reset through the secure PL061: set the pin's direction bit,
 * then write the masked data register at base + (1 << (pin + 2)). */
#include <arm.h>
#include <platform.h>
#include <power.h>

#define PL061_DIR 0x400

static void __attribute__((noreturn)) gpio_pulse(unsigned int pin)
{
	uint32_t bit = 1u << pin;

	mmio_write32(SECURE_GPIO_BASE + PL061_DIR, mmio_read32(SECURE_GPIO_BASE + PL061_DIR) | bit);
	mmio_write32(SECURE_GPIO_BASE + (bit << 2), bit);
	for (;;)
		wfi();
}

void platform_system_off(void)
{
	gpio_pulse(SECURE_GPIO_PIN_POWEROFF);
}

void platform_system_reset(void)
{
	gpio_pulse(SECURE_GPIO_PIN_RESET);
}
