import Foundation

/// What an input path names, by `stat(2)` following symbolic links: how the reader must open it, and which
/// sentence to say when it cannot.
///
/// ```swift
/// PathKind("clip.mp4")     // .regular(size: 1_048_576)
/// PathKind("/dev/fd/63")   // .stream: bash's <(cmd), read front to back like standard input
/// PathKind("/dev/zero")    // .device("a character device"): not a video file
/// ```
enum PathKind: Equatable {
    case missing
    case directory
    case regular(size: Int64)
    /// A FIFO or socket: bytes that arrive once, in order, and cannot be sought.
    case stream
    /// A character or block device, named in words.
    case device(String)

    init(_ path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            self = .missing
            return
        }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: self = .directory
        case S_IFIFO, S_IFSOCK: self = .stream
        case S_IFCHR: self = .device("a character device")
        case S_IFBLK: self = .device("a block device")
        default: self = .regular(size: Int64(status.st_size))
        }
    }
}
