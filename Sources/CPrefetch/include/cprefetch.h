#ifndef PIPETOP_CPREFETCH_H
#define PIPETOP_CPREFETCH_H

/* Swift has no prefetch intrinsic; the label join uses this to start fetching the
   cache lines a record will need while the store does other work for it. */
static inline void pt_prefetch(const void *address) {
    __builtin_prefetch(address, 1, 1);
}

#endif
