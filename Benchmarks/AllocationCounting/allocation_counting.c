// Counting wrappers around glibc's allocator. An executable's definitions of malloc and friends take precedence
// over libc's in the dynamic linker's global scope, so every library of the process calls these; each forwards to
// glibc's internal entry point (__libc_malloc and so on), which keeps the heap itself exactly as it would be.
#define _GNU_SOURCE
#include "allocation_counting.h"

#include <errno.h>
#include <link.h>
#include <stdatomic.h>
#include <stddef.h>
#include <string.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void __libc_free(void *pointer);
extern void *__libc_memalign(size_t alignment, size_t size);
extern void *__libc_valloc(size_t size);

static _Atomic unsigned long long allocations;
static _Atomic unsigned long long ffmpegAllocations;
static __thread unsigned long long threadAllocations;
static __thread unsigned long long threadFFmpegAllocations;

/// The executable segments of FFmpeg's libraries, filled once by vc_attribute_ffmpeg_allocations.
enum { maximumSegments = 32 };
static struct { const char *start, *end; } ffmpegCode[maximumSegments];
static _Atomic int ffmpegSegments;

static int isFFmpegCode(const void *address) {
    int count = atomic_load_explicit(&ffmpegSegments, memory_order_acquire);
    for (int i = 0; i < count; i++)
        if ((const char *)address >= ffmpegCode[i].start && (const char *)address < ffmpegCode[i].end) return 1;
    return 0;
}

static void *counted(void *pointer, const void *caller) {
    if (!pointer) return pointer;
    atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed);
    threadAllocations += 1;
    if (isFFmpegCode(caller)) {
        atomic_fetch_add_explicit(&ffmpegAllocations, 1, memory_order_relaxed);
        threadFFmpegAllocations += 1;
    }
    return pointer;
}

static int collectFFmpegSegments(struct dl_phdr_info *library, size_t size, void *found) {
    (void)size;
    static const char *const names[] = {"libavformat", "libavcodec", "libavutil", "libswscale", "libswresample"};
    int isFFmpeg = 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (library->dlpi_name && strstr(library->dlpi_name, names[i])) isFFmpeg = 1;
    if (!isFFmpeg) return 0;
    int *count = found;
    for (int i = 0; i < library->dlpi_phnum && *count < maximumSegments; i++) {
        const ElfW(Phdr) *segment = &library->dlpi_phdr[i];
        if (segment->p_type != PT_LOAD || !(segment->p_flags & PF_X)) continue;
        ffmpegCode[*count].start = (const char *)(library->dlpi_addr + segment->p_vaddr);
        ffmpegCode[*count].end = ffmpegCode[*count].start + segment->p_memsz;
        *count += 1;
    }
    return 0;
}

void vc_attribute_ffmpeg_allocations(void) {
    if (atomic_load(&ffmpegSegments) > 0) return;
    int count = 0;
    dl_iterate_phdr(collectFFmpegSegments, &count);
    atomic_store_explicit(&ffmpegSegments, count, memory_order_release);
}

unsigned long long vc_heap_allocations(void) { return atomic_load_explicit(&allocations, memory_order_relaxed); }
unsigned long long vc_ffmpeg_heap_allocations(void) {
    return atomic_load_explicit(&ffmpegAllocations, memory_order_relaxed);
}

unsigned long long vc_thread_heap_allocations(void) { return threadAllocations; }
unsigned long long vc_thread_ffmpeg_heap_allocations(void) { return threadFFmpegAllocations; }

#define CALLER __builtin_return_address(0)
void *malloc(size_t size) { return counted(__libc_malloc(size), CALLER); }
void *calloc(size_t count, size_t size) { return counted(__libc_calloc(count, size), CALLER); }
void *realloc(void *pointer, size_t size) { return counted(__libc_realloc(pointer, size), CALLER); }
void free(void *pointer) { __libc_free(pointer); }
void *memalign(size_t alignment, size_t size) { return counted(__libc_memalign(alignment, size), CALLER); }
void *aligned_alloc(size_t alignment, size_t size) { return counted(__libc_memalign(alignment, size), CALLER); }
void *valloc(size_t size) { return counted(__libc_valloc(size), CALLER); }

int posix_memalign(void **result, size_t alignment, size_t size) {
    if (alignment % sizeof(void *) != 0 || (alignment & (alignment - 1)) != 0) return EINVAL;
    void *pointer = counted(__libc_memalign(alignment, size), CALLER);
    if (!pointer) return ENOMEM;
    *result = pointer;
    return 0;
}
