/*
 * The secure heap: newlib's malloc over a fixed region of secure RAM.
 * newlib asks for memory through _sbrk and serialises itself through
 * __malloc_lock/__malloc_unlock, which mask IRQs so a thread can never be
 * suspended (foreign interrupt) while it holds the heap.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <arm.h>
#include <spinlock.h>

#define CFG_HEAP_SIZE (4u * 1024 * 1024)

struct _reent;
void *_sbrk(ptrdiff_t incr);
void __malloc_lock(struct _reent *r);
void __malloc_unlock(struct _reent *r);

static uint8_t heap[CFG_HEAP_SIZE] __attribute__((aligned(8), section(".nozi.heap")));
static size_t heap_brk;
static unsigned int heap_lock;
static int heap_owner = -1;
static unsigned int heap_depth;
static uint32_t heap_saved_cpsr;

void *_sbrk(ptrdiff_t incr)
{
	size_t old = heap_brk;

	if (incr < 0 || (size_t)incr > CFG_HEAP_SIZE - heap_brk) {
		errno = ENOMEM;
		return (void *)-1;
	}
	heap_brk += incr;
	return &heap[old];
}

void __malloc_lock(struct _reent *r)
{
	uint32_t cpsr = read_cpsr();
	int cpu;

	(void)r;
	__asm__ volatile("cpsid if" ::: "memory");
	cpu = (int)get_core_pos();
	if (heap_owner == cpu) {
		heap_depth++;
		return;
	}
	cpu_spin_lock(&heap_lock);
	heap_owner = cpu;
	heap_depth = 1;
	heap_saved_cpsr = cpsr;
}

void __malloc_unlock(struct _reent *r)
{
	uint32_t cpsr = heap_saved_cpsr;

	(void)r;
	if (--heap_depth)
		return;
	heap_owner = -1;
	cpu_spin_unlock(&heap_lock);
	__asm__ volatile("msr cpsr_c, %0" : : "r"(cpsr & 0xff) : "memory");
}
