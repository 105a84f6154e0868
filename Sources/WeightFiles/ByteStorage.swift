#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Immutable bytes that tensors point into: a read-only memory map of a file, or a heap buffer.
///
/// Every ``StoredTensor`` holds a reference to the storage its bytes live in, so a mapping stays alive exactly
/// as long as some tensor (or archive) still uses it, and is unmapped in `deinit` when the last one goes.
/// Mapping costs one `mmap` call; pages are read lazily by the kernel when a tensor is first decoded, so
/// opening a large file is cheap and tensors nobody reads are never loaded.
///
/// The class is `@unchecked Sendable` because its contents never change after `init`: the mapping is
/// `PROT_READ` + `MAP_PRIVATE` and the heap buffer is written only while the object is being initialised,
/// so concurrent reads from any number of threads are safe.
/// (If another process truncates a mapped file, reads past the new end fault; that is the usual mmap contract.)
final class ByteStorage: @unchecked Sendable {
    private let base: UnsafeMutableRawPointer?
    private let isMapped: Bool
    /// The number of readable bytes.
    let count: Int

    /// Maps the whole file at `path` read-only.
    ///
    /// Throws `.notFound` when the path does not exist, `.unreadable` when it cannot be opened or is not a
    /// regular file, and `.truncated` when it is empty (there is nothing to map).
    init(mappingFileAt path: String) throws(WeightFileError) {
        // O_NONBLOCK: opening a FIFO would otherwise wait for a writer forever; it is refused just below.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT {
                throw WeightFileError(.notFound, "weights file '\(path)' does not exist; check the path")
            }
            throw WeightFileError(.unreadable, "cannot open weights file '\(path)' (\(Self.reason(code))); check its permissions")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            throw WeightFileError(.unreadable, "'\(path)' is not a regular file; pass the path of a weights file")
        }
        let size = Int(status.st_size)
        guard size > 0 else {
            throw WeightFileError(.truncated, "weights file '\(path)' is empty; download or export it again")
        }
        let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0)
        guard let address, address != UnsafeMutableRawPointer(bitPattern: -1) else {
            throw WeightFileError(.unreadable, "cannot memory-map '\(path)' (\(Self.reason(errno))); check free address space and the file system")
        }
        base = address
        isMapped = true
        count = size
    }

    /// Copies `bytes` into a new heap buffer.
    init(copying bytes: some Collection<UInt8>) {
        count = bytes.count
        isMapped = false
        guard count > 0 else {
            base = nil
            return
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 16)
        buffer.copyBytes(from: bytes)
        base = buffer.baseAddress
    }

    /// Stores the raw bytes of `values` (little-endian on every platform Swift supports for this package).
    convenience init(floats values: [Float]) {
        self.init(copying: values.withUnsafeBytes { Array($0) })
    }

    deinit {
        guard let base else { return }
        if isMapped {
            munmap(base, count)
        } else {
            base.deallocate()
        }
    }

    /// Lends the bytes in `range` to `body`; the pointer must not escape the closure.
    ///
    /// - Precondition: `range` lies within `0..<count` (callers validate against ``count`` first).
    func withBytes<Result>(in range: Range<Int>, _ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "byte range \(range) outside storage of \(count) bytes")
        guard let base else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count))
    }

    /// The byte at `offset`. - Precondition: `offset` in `0..<count`.
    func byte(at offset: Int) -> UInt8 {
        precondition(offset >= 0 && offset < count, "byte offset \(offset) outside storage of \(count) bytes")
        return base.unsafelyUnwrapped.load(fromByteOffset: offset, as: UInt8.self)
    }

    /// The little-endian integer starting at `offset` (no alignment needed). - Precondition: it lies within bounds.
    func littleEndian<Value: FixedWidthInteger>(_: Value.Type, at offset: Int) -> Value {
        precondition(offset >= 0 && offset + MemoryLayout<Value>.size <= count, "read at \(offset) outside storage of \(count) bytes")
        return Value(littleEndian: base.unsafelyUnwrapped.loadUnaligned(fromByteOffset: offset, as: Value.self))
    }

    /// A copy of the bytes in `range`.
    func bytes(in range: Range<Int>) -> [UInt8] {
        withBytes(in: range) { Array($0) }
    }

    private static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
