#ifndef PIPETOP_CSUPPORT_H
#define PIPETOP_CSUPPORT_H

#include <malloc.h>

/* Swift has no prefetch intrinsic; the label join uses this to start fetching the
   cache lines a record will need while the store does other work for it. */
static inline void pt_prefetch(const void *address) {
    __builtin_prefetch(address, 1, 1);
}

/* glibc gives each thread that allocates its own malloc arena: with librdkafka's threads,
   the source and the UI, freed memory is spread over arenas and resident memory wanders
   (59-65 MB over runs of the same Kafka read). One arena keeps it at about 60 MB, no
   slower: the hot paths do not allocate per record, and small blocks come from each
   thread's cache. Swift's Glibc module does not export mallopt. */
static inline void pt_single_malloc_arena(void) {
    mallopt(M_ARENA_MAX, 1);
}

/* Bytes malloc has handed out and not had back (small blocks and mmapped ones): what the
   program holds, where resident memory also counts the heap's free holes. For benchmarks. */
static inline size_t pt_malloc_bytes_in_use(void) {
    struct mallinfo2 info = mallinfo2();
    return info.uordblks + info.hblkhd;
}

#endif
