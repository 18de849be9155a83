import CSupport

/// The process's malloc arenas (glibc): one for all threads, so resident memory stays within
/// the budget whatever threads a source starts (see `pt_single_malloc_arena`). Call first
/// thing in `main`, before other threads exist.
public enum MallocArenas {
    public static func useOne() {
        pt_single_malloc_arena()
    }
}
