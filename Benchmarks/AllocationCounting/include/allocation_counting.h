#ifndef VIDCLASS_ALLOCATION_COUNTING_H
#define VIDCLASS_ALLOCATION_COUNTING_H

/// Heap allocations made by this process so far: every successful call of malloc, calloc, realloc,
/// posix_memalign, aligned_alloc, memalign and valloc, from any thread and any library (the Swift runtime,
/// FFmpeg, the C kernels). Linking this target into an executable replaces those functions with counting
/// wrappers around glibc's own allocator, so the figures mean something only in vidclass-bench.
unsigned long long vc_heap_allocations(void);

/// The part of `vc_heap_allocations` called directly from FFmpeg's libraries (libavformat, libavcodec,
/// libavutil, libswscale, libswresample), counted from the first call of `vc_attribute_ffmpeg_allocations`.
unsigned long long vc_ffmpeg_heap_allocations(void);

/// `vc_heap_allocations` and `vc_ffmpeg_heap_allocations` for the calling thread alone: what code running on
/// this thread allocated, whatever other threads do meanwhile.
unsigned long long vc_thread_heap_allocations(void);
unsigned long long vc_thread_ffmpeg_heap_allocations(void);

/// Finds where FFmpeg's libraries are loaded and from then on counts their allocations separately. Call it once,
/// after FFmpeg is loaded and before the first count that should be split.
void vc_attribute_ffmpeg_allocations(void);

#endif
