import CSupport

/// The process's malloc arenas (glibc): one for all threads, so resident memory stays within
/// the budget whatever threads a source starts (see `pt_single_malloc_arena`). Call first
/// thing in `main`, before other threads exist.
public enum MallocArenas {
    public static func useOne() {
        pt_single_malloc_arena()
    }

    /// Bytes malloc has handed out and not had back: resident memory less the heap's free
    /// holes (and the code and stacks), so a benchmark can tell what is held from fragmentation.
    public static func bytesInUse() -> Int {
        Int(pt_malloc_bytes_in_use())
    }
}
