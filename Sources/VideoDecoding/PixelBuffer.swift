/// An owned, reusable RGB24 pixel buffer with 64-byte-aligned rows and slack after the last row (swscale's
/// SIMD writers may store a few pixels past a row's end). Grows only when a larger picture arrives.
final class PixelBuffer {
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private(set) var stride: Int
    private var capacity: Int

    init() {
        capacity = 0
        stride = 0
        bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    }

    deinit { bytes.deallocate() }

    /// Makes room for a `width`×`height` RGB24 picture, reallocating only if the current storage is too small.
    func reserve(width: Int, height: Int) {
        stride = (width * 3 + 63) & ~63
        let needed = stride * height + 256
        if needed > capacity {
            bytes.deallocate()
            bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: needed)
            capacity = needed
        }
    }

    /// The address of the storage, to check that repeated conversions reuse it.
    var storageAddress: UInt { UInt(bitPattern: bytes) }
}
