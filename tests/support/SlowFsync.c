/* LD_PRELOAD shim for tests: every fsync and fdatasync first sleeps SLOW_FSYNC_MS milliseconds
 * (default 300), as on a worn SD card, then does the real one. Lets a test prove that no frame
 * waits for the disk and that nothing is shown before its commit. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <time.h>

static void slowDown(void) {
    const char* text = getenv("SLOW_FSYNC_MS");
    const long ms = text ? atol(text) : 300;
    struct timespec delay = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&delay, &delay) != 0) {
    }
}

int fsync(int fd) {
    static int (*real)(int) = 0;
    if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    slowDown();
    return real(fd);
}

int fdatasync(int fd) {
    static int (*real)(int) = 0;
    if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
    slowDown();
    return real(fd);
}
