/* unistd.h of the vmlab guest runtime: the system calls a process-mode vmlab Machine serves
 * (Linux numbers in a7: close 57, read 63, write 64, exit 93, brk 214). */
#ifndef _VMLAB_UNISTD_H
#define _VMLAB_UNISTD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef int ssize_t;

#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
int close(int fd);
void _exit(int code) __attribute__((noreturn));
int brk(void *addr);
void *sbrk(intptr_t increment);

/* A raw system call: number in a7, arguments in a0..a2, result in a0. */
long __syscall(long n, long a0, long a1, long a2);

#ifdef __cplusplus
}
#endif
#endif
