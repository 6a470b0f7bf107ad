/* errno.h of the vmlab guest runtime (a single global errno; there are no threads). */
#ifndef _VMLAB_ERRNO_H
#define _VMLAB_ERRNO_H
extern int errno;
#define EBADF 9
#define ENOMEM 12
#define EINVAL 22
#define ERANGE 34
#define ENOSYS 38
#endif
