/* syscalls.c: the system call layer of the vmlab guest runtime.
 *
 * A system call is an ecall with its number in a7 and arguments in a0..a2; the result comes
 * back in a0 (negative: -errno). A process-mode vmlab Machine serves the Linux numbers used
 * here. Everything else in the runtime reaches the host through these few functions. */
#include <errno.h>
#include <stdint.h>
#include <unistd.h>

#define SYS_close 57
#define SYS_read 63
#define SYS_write 64
#define SYS_exit 93
#define SYS_brk 214

int errno;

long __syscall(long n, long a0, long a1, long a2)
{
    register long r_a0 __asm__("a0") = a0;
    register long r_a1 __asm__("a1") = a1;
    register long r_a2 __asm__("a2") = a2;
    register long r_a7 __asm__("a7") = n;
    __asm__ volatile("ecall" : "+r"(r_a0) : "r"(r_a1), "r"(r_a2), "r"(r_a7) : "memory");
    return r_a0;
}

static long check(long r)
{
    if (r < 0 && r > -4096) {
        errno = (int)-r;
        return -1;
    }
    return r;
}

ssize_t write(int fd, const void *buf, size_t n)
{
    return check(__syscall(SYS_write, fd, (long)buf, (long)n));
}

ssize_t read(int fd, void *buf, size_t n)
{
    return check(__syscall(SYS_read, fd, (long)buf, (long)n));
}

int close(int fd)
{
    return check(__syscall(SYS_close, fd, 0, 0));
}

void _exit(int code)
{
    for (;;)
        __syscall(SYS_exit, code, 0, 0);
}

/* The program break: brk(0) asks where it is, brk(addr) moves it (the kernel answers with the
 * break it ended up with, which is the old one when the request is refused). */
static char *current_break;

int brk(void *addr)
{
    char *got = (char *)__syscall(SYS_brk, (long)addr, 0, 0);
    current_break = got;
    if (got != (char *)addr) {
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

void *sbrk(intptr_t increment)
{
    if (current_break == 0)
        current_break = (char *)__syscall(SYS_brk, 0, 0, 0);
    char *old = current_break;
    if (increment != 0 && brk(old + increment) != 0)
        return (void *)-1;
    return old;
}
